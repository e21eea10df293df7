import { MIN_ID, type StreamId, type StreamTrimSpec } from '@drake/storage';
import { parseInteger } from '../args';
import type { Client } from '../client';
import { Err, cString } from '../errors';
import { StreamErr } from './errors';
import { parseIdArg, strictIdOrReply } from './stream-id-arg';
import { isOption, nodeLimits } from './stream-lookup';

/** What XADD and XTRIM options say (Redis's streamAddTrimArgs). */
export interface AddTrimArgs {
  /** XADD: an explicit ID (not `*`) was given; `seqGiven` false for `ms-*`. */
  idGiven: boolean;
  seqGiven: boolean;
  id: StreamId;
  noMkstream: boolean;
  /** Index of the ID argument (XADD); fields start after it. */
  idPos: number;
  trim: StreamTrimSpec | null;
}

interface TrimState {
  strategy: 'maxlen' | 'minid' | null;
  approx: boolean;
  maxlen: number;
  minid: StreamId;
  limit: number;
  limitGiven: boolean;
}

/**
 * Redis's streamParseAddOrTrimArgsOrReply: options from argv[2] on, up to XADD's ID. Replies the error and returns
 * null when they are wrong.
 */
export function parseAddTrimArgs(client: Client, argv: string[], xadd: boolean): AddTrimArgs | null {
  const args: AddTrimArgs = {
    idGiven: false,
    seqGiven: true,
    id: MIN_ID,
    noMkstream: false,
    idPos: 0,
    trim: null,
  };
  const t: TrimState = {
    strategy: null,
    approx: false,
    maxlen: 0,
    minid: MIN_ID,
    limit: 0,
    limitGiven: false,
  };
  const argc = argv.length;
  let i = 2;
  for (; i < argc; i++) {
    const more = argc - 1 - i;
    const opt = argv[i];
    if (xadd && cString(opt) === '*') break;
    if (more > 0 && (isOption(opt, 'MAXLEN') || isOption(opt, 'MINID'))) {
      const next = parseStrategy(client, argv, i, t);
      if (next < 0) return null;
      i = next;
    } else if (more > 0 && isOption(opt, 'LIMIT')) {
      const limit = parseInteger(argv[i + 1]);
      if (limit === null) return fail(client, Err.notInteger);
      if (limit < 0) return fail(client, StreamErr.limitNegative);
      t.limit = limit;
      t.limitGiven = true;
      i++;
    } else if (xadd && isOption(opt, 'NOMKSTREAM')) {
      args.noMkstream = true;
    } else if (xadd) {
      // Anything else is the ID (or a syntax error reported as an invalid ID).
      const parsed = parseIdArg(client, opt, 0, true, true);
      if (parsed === null) return fail(client, StreamErr.invalidId);
      args.id = parsed.id;
      args.seqGiven = parsed.seqGiven;
      args.idGiven = true;
      break;
    } else {
      return fail(client, Err.syntax);
    }
  }
  args.idPos = i;
  if (t.limit !== 0 && t.strategy === null) return fail(client, StreamErr.limitWithoutStrategy);
  if (!xadd && t.strategy === null) return fail(client, StreamErr.xtrimWithoutStrategy);
  if (t.limitGiven) {
    if (!t.approx) return fail(client, StreamErr.limitWithoutApprox);
  } else {
    t.limit = t.approx ? defaultApproxLimit(client) : 0;
  }
  if (t.strategy !== null)
    args.trim = { strategy: t.strategy, maxlen: t.maxlen, minid: t.minid, approx: t.approx, limit: t.limit };
  return args;
}

/** MAXLEN/MINID [~|=] <arg> at argv[i]; returns the index of its last argument, or -1 after replying. */
function parseStrategy(client: Client, argv: string[], i: number, t: TrimState): number {
  if (t.strategy !== null) {
    client.reply.error(StreamErr.maxlenAndMinid);
    return -1;
  }
  const byLength = isOption(argv[i], 'MAXLEN');
  t.approx = false;
  const more = argv.length - 1 - i;
  const marker = cString(argv[i + 1]);
  if (more >= 2 && marker === '~') {
    t.approx = true;
    i++;
  } else if (more >= 2 && marker === '=') {
    i++;
  }
  if (byLength) {
    const maxlen = parseInteger(argv[i + 1]);
    if (maxlen === null) {
      client.reply.error(Err.notInteger);
      return -1;
    }
    if (maxlen < 0) {
      client.reply.error(StreamErr.maxlenNegative);
      return -1;
    }
    t.maxlen = maxlen;
  } else {
    const minid = strictIdOrReply(client, argv[i + 1]);
    if (minid === null) return -1;
    t.minid = minid;
  }
  t.strategy = byLength ? 'maxlen' : 'minid';
  return i + 1;
}

/**
 * Without LIMIT, `~` trimming does at most 100 nodes' worth of entries: 100 * stream-node-max-entries (computed
 * in 64-bit arithmetic as Redis does), at least 10000 when that is not positive, at most 1000000.
 */
function defaultApproxLimit(client: Client): number {
  const text = client.server.config.lookup('stream-node-max-entries')?.get();
  const maxEntries =
    text !== undefined && /^-?\d+$/.test(text) ? BigInt(text) : BigInt(nodeLimits(client).maxEntries);
  const limit = BigInt.asIntN(64, 100n * maxEntries);
  if (limit <= 0n) return 10000;
  return limit > 1000000n ? 1000000 : Number(limit);
}

function fail(client: Client, error: string): null {
  client.reply.error(error);
  return null;
}
