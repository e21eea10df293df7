import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { parseInteger } from '../args';
import { Err } from '../errors';
import { StringErr } from './errors';
import { cString } from './expire-options';
import { lookupRead } from './lookup';
import { protoMaxBulkLen } from './string-length';

interface LcsOptions {
  idx: boolean;
  len: boolean;
  withMatchLen: boolean;
  minMatchLen: number;
}

/**
 * LCS key1 key2 [LEN] [IDX] [MINMATCHLEN n] [WITHMATCHLEN]: the longest common subsequence by the classic
 * dynamic-programming table, walked back from the end exactly as Redis walks it, so ties pick the same
 * characters and the IDX ranges come out in the same order (last match first).
 */
export const lcsCommand = defineCommand({
  name: 'lcs',
  arity: -3,
  flags: ['readonly'],
  firstKey: 1,
  lastKey: 2,
  keyStep: 1,
  categories: ['read', 'string', 'slow'],
  group: 'string',
  summary: 'Find longest common substring',
  since: '7.0.0',
  complexity: 'O(N*M) where N and M are the lengths of s1 and s2, respectively',
  execute(client: Client, argv: string[]): void {
    const va = lookupRead(client, argv[1]);
    const vb = lookupRead(client, argv[2]);
    if ((va !== undefined && typeof va !== 'string') || (vb !== undefined && typeof vb !== 'string')) {
      client.reply.error(StringErr.lcsNotStrings);
      return;
    }
    const options = parseLcsOptions(client, argv);
    if (options === null) return;
    if (options.idx && options.len) {
      client.reply.error(StringErr.lcsLenAndIdx);
      return;
    }
    const a = va ?? '';
    const b = vb ?? '';
    if (a.length >= 0xfffffffe || b.length >= 0xfffffffe) {
      client.reply.error(StringErr.lcsTooLong);
      return;
    }
    // Redis refuses a table (4 bytes per cell) larger than proto-max-bulk-len.
    if ((a.length + 1) * (b.length + 1) * 4 > protoMaxBulkLen(client)) {
      client.reply.error(StringErr.lcsTooMuchMemory);
      return;
    }
    const table = buildTable(a, b);
    if (table === null) {
      client.reply.error(StringErr.lcsAllocFailed);
      return;
    }
    const total = table[(a.length + 1) * (b.length + 1) - 1];
    if (options.len) client.reply.integer(total);
    else if (options.idx) replyRanges(client, a, b, table, total, options);
    else client.reply.bulk(walkBack(a, b, table, total, null, options));
  },
});

function parseLcsOptions(client: Client, argv: string[]): LcsOptions | null {
  const options: LcsOptions = { idx: false, len: false, withMatchLen: false, minMatchLen: 0 };
  for (let j = 3; j < argv.length; j++) {
    const opt = cString(argv[j]).toUpperCase();
    if (opt === 'IDX') options.idx = true;
    else if (opt === 'LEN') options.len = true;
    else if (opt === 'WITHMATCHLEN') options.withMatchLen = true;
    else if (opt === 'MINMATCHLEN' && j + 1 < argv.length) {
      const n = parseInteger(argv[++j]);
      if (n === null) {
        client.reply.error(Err.notInteger);
        return null;
      }
      options.minMatchLen = Math.max(0, n);
    } else {
      client.reply.error(Err.syntax);
      return null;
    }
  }
  return options;
}

/** LCS(i, j) = length of the LCS of a[0..i) and b[0..j), row-major with rows of b.length + 1 cells. */
function buildTable(a: string, b: string): Uint32Array | null {
  const width = b.length + 1;
  let table: Uint32Array;
  try {
    table = new Uint32Array((a.length + 1) * width);
  } catch {
    return null; // RangeError: the allocation failed.
  }
  for (let i = 1; i <= a.length; i++) {
    const ca = a.charCodeAt(i - 1);
    const row = i * width;
    const prev = row - width;
    for (let j = 1; j <= b.length; j++) {
      if (ca === b.charCodeAt(j - 1)) {
        table[row + j] = table[prev + j - 1] + 1;
      } else {
        const up = table[prev + j];
        const left = table[row + j - 1];
        table[row + j] = up > left ? up : left;
      }
    }
  }
  return table;
}

/**
 * Walks the table back from (|a|, |b|), building the LCS string and, when `ranges` is given, pushing each
 * maximal run of matches as [aStart, aEnd, bStart, bEnd] (runs shorter than MINMATCHLEN are skipped).
 */
function walkBack(
  a: string,
  b: string,
  table: Uint32Array,
  total: number,
  ranges: number[] | null,
  options: LcsOptions,
): string {
  const width = b.length + 1;
  const chars: string[] = new Array<string>(total);
  let idx = total;
  let i = a.length;
  let j = b.length;
  // aStart === a.length means "no run in progress".
  let aStart = a.length;
  let aEnd = 0;
  let bStart = 0;
  let bEnd = 0;
  while (i > 0 && j > 0) {
    let emit = false;
    if (a.charCodeAt(i - 1) === b.charCodeAt(j - 1)) {
      chars[--idx] = a[i - 1];
      if (aStart === a.length) {
        aStart = aEnd = i - 1;
        bStart = bEnd = j - 1;
      } else if (aStart === i && bStart === j) {
        aStart--;
        bStart--;
      } else {
        emit = true;
      }
      if (aStart === 0 || bStart === 0) emit = true;
      i--;
      j--;
    } else {
      if (table[(i - 1) * width + j] > table[i * width + j - 1]) i--;
      else j--;
      if (aStart !== a.length) emit = true;
    }
    if (emit) {
      const matchLen = aEnd - aStart + 1;
      if (ranges !== null && (options.minMatchLen === 0 || matchLen >= options.minMatchLen)) {
        ranges.push(aStart, aEnd, bStart, bEnd);
      }
      aStart = a.length;
    }
  }
  return chars.join('');
}

/** IDX reply: a map {matches: [[[aStart, aEnd], [bStart, bEnd], len?]...], len: total} (4-element array in RESP2). */
function replyRanges(
  client: Client,
  a: string,
  b: string,
  table: Uint32Array,
  total: number,
  options: LcsOptions,
): void {
  const ranges: number[] = [];
  walkBack(a, b, table, total, ranges, options);
  const reply = client.reply;
  reply.map(2);
  reply.bulk('matches');
  reply.array(ranges.length / 4);
  for (let k = 0; k < ranges.length; k += 4) {
    reply.array(options.withMatchLen ? 3 : 2);
    reply.array(2);
    reply.integer(ranges[k]);
    reply.integer(ranges[k + 1]);
    reply.array(2);
    reply.integer(ranges[k + 2]);
    reply.integer(ranges[k + 3]);
    if (options.withMatchLen) reply.integer(ranges[k + 1] - ranges[k] + 1);
  }
  reply.bulk('len');
  reply.integer(total);
}
