import { createDumpPayload, type DumpOptions } from '@drake/rdb';
import { formatDouble } from '@drake/resp';
import { RedisHash, RedisList, RedisSet, RedisZset, type Value } from '@drake/storage';

/** Elements (list items, set members, hash pairs, zset pairs) per rebuilt command. */
export const REBUILD_CHUNK = 512;
/** A rebuilt command is closed once its element bytes reach this, so huge elements do not pile into one frame. */
export const REBUILD_CHUNK_BYTES = 64 * 1024;

export type CommandSink = (argv: string[]) => void;

/**
 * Emits the commands that recreate `value` under `key` on a replica that does not hold the key (DESIGN §3):
 * a string as `SET` (with `PXAT` when it has a TTL), collections as RPUSH/HSET/SADD/ZADD of at most `chunk`
 * elements (and about `chunkBytes` bytes) each, then `PEXPIREAT`. Strings longer than `chunkBytes` come as
 * `SET` + `APPEND`s. A value of several commands gets its TTL last, so a TTL already past on the replica
 * cannot hide the key between two of its pieces. Streams go as one `RESTORE … REPLACE ABSTTL` of their DUMP
 * payload (entries, consumer groups, PELs with delivery times, consumers), in one command whatever their size.
 * A value the RDB writer does not know (a foreign RedisObject) throws @drake/rdb's UnsupportedValueError.
 * `expireAtMs` is absolute; 0 or negative means no TTL. Zset scores are written as %.17g, which parses back to
 * the same double (inf/-inf included).
 */
export function rebuildCommands(
  key: string,
  value: Value,
  expireAtMs: number,
  out: CommandSink,
  chunk = REBUILD_CHUNK,
  chunkBytes = REBUILD_CHUNK_BYTES,
): void {
  if (!(chunk >= 1)) throw new RangeError(`chunk must be at least 1, got ${chunk}`);
  const ttl = expireAtMs > 0;
  if (typeof value === 'string') {
    if (value.length <= chunkBytes) {
      out(ttl ? ['SET', key, value, 'PXAT', String(expireAtMs)] : ['SET', key, value]);
      return;
    }
    rebuildLongString(key, value, out, chunkBytes);
  } else if (value instanceof RedisList) {
    rebuildList(key, value, out, chunk, chunkBytes);
  } else if (value instanceof RedisHash) {
    rebuildPairs('HSET', key, value.fields(), value.values(), out, chunk, chunkBytes);
  } else if (value instanceof RedisSet) {
    rebuildMembers('SADD', key, value.members(), out, chunk, chunkBytes);
  } else if (value instanceof RedisZset) {
    rebuildZset(key, value, out, chunk, chunkBytes);
  } else {
    out(restoreCommand(key, value, expireAtMs));
    return;
  }
  if (ttl) out(['PEXPIREAT', key, String(expireAtMs)]);
}

/**
 * `RESTORE key <abs ms|0> <DUMP payload> REPLACE ABSTTL`: one command for any value the RDB writer handles
 * (the fallback for types without an element-wise rebuild).
 */
export function restoreCommand(
  key: string,
  value: Value,
  expireAtMs: number,
  options?: DumpOptions,
): string[] {
  const payload = createDumpPayload(value, options).toString('latin1');
  return ['RESTORE', key, expireAtMs > 0 ? String(expireAtMs) : '0', payload, 'REPLACE', 'ABSTTL'];
}

function rebuildLongString(key: string, value: string, out: CommandSink, chunkBytes: number): void {
  out(['SET', key, value.slice(0, chunkBytes)]);
  for (let at = chunkBytes; at < value.length; at += chunkBytes) {
    out(['APPEND', key, value.slice(at, at + chunkBytes)]);
  }
}

function rebuildList(
  key: string,
  list: RedisList,
  out: CommandSink,
  chunk: number,
  chunkBytes: number,
): void {
  const total = list.length;
  for (let start = 0; start < total;) {
    // slice() is one locate plus a linear copy, so a chunk costs O(chunk) whatever the list length.
    const items = list.slice(start, chunk);
    let n = 0;
    let bytes = 0;
    while (n < items.length && (n === 0 || bytes < chunkBytes)) bytes += items[n++].length;
    const argv = new Array<string>(n + 2);
    argv[0] = 'RPUSH';
    argv[1] = key;
    for (let i = 0; i < n; i++) argv[i + 2] = items[i];
    out(argv);
    start += n;
  }
}

/** Collects one command's elements and sends it on once it holds `chunk` of them or about `chunkBytes` bytes. */
class Chunker {
  private argv: string[];
  private elements = 0;
  private bytes = 0;

  constructor(
    private readonly name: string,
    private readonly key: string,
    private readonly out: CommandSink,
    private readonly chunk: number,
    private readonly chunkBytes: number,
  ) {
    this.argv = [name, key];
  }

  add(arg: string): void {
    this.argv.push(arg);
    this.added(arg.length);
  }

  addPair(first: string, second: string): void {
    this.argv.push(first, second);
    this.added(first.length + second.length);
  }

  /** Sends the last, partial command. */
  end(): void {
    if (this.elements !== 0) this.out(this.argv);
  }

  private added(bytes: number): void {
    this.bytes += bytes;
    if (++this.elements < this.chunk && this.bytes < this.chunkBytes) return;
    this.out(this.argv);
    this.argv = [this.name, this.key];
    this.elements = 0;
    this.bytes = 0;
  }
}

function rebuildMembers(
  name: string,
  key: string,
  members: readonly string[],
  out: CommandSink,
  chunk: number,
  chunkBytes: number,
): void {
  const chunker = new Chunker(name, key, out, chunk, chunkBytes);
  for (let i = 0; i < members.length; i++) chunker.add(members[i]);
  chunker.end();
}

function rebuildPairs(
  name: string,
  key: string,
  firsts: readonly string[],
  seconds: readonly string[],
  out: CommandSink,
  chunk: number,
  chunkBytes: number,
): void {
  const chunker = new Chunker(name, key, out, chunk, chunkBytes);
  for (let i = 0; i < firsts.length; i++) chunker.addPair(firsts[i], seconds[i]);
  chunker.end();
}

function rebuildZset(
  key: string,
  zset: RedisZset,
  out: CommandSink,
  chunk: number,
  chunkBytes: number,
): void {
  const chunker = new Chunker('ZADD', key, out, chunk, chunkBytes);
  let negativeZeros: string[] | null = null;
  // Score order: the replica appends to its tree each time, the cheapest insertion (and it packs the leaves).
  const c = zset.first;
  if (c !== null)
    do {
      // A listpack keeps -0 as 0: these go last, when the replica's set has its final encoding.
      if (Object.is(c.score, -0)) (negativeZeros ??= []).push(c.member);
      else chunker.addPair(formatDouble(c.score), c.member);
    } while (c.next());
  if (negativeZeros !== null) for (const member of negativeZeros) chunker.addPair('-0', member);
  chunker.end();
}
