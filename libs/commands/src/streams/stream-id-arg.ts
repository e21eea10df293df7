import { isMinId, MAX_ID, MIN_ID, nextId, prevId, isMaxId, streamId, u64, U64_MAX } from '@drake/storage';
import type { StreamId, U64 } from '@drake/storage';
import type { Client } from '../client';
import { cString } from '../errors';
import { StreamErr } from './errors';
import { clearErrno } from './stream-errno';

/** Longest ID argument Redis copies into its 128-byte parse buffer. */
const MAX_ID_ARG = 127;
const STRTOULL = /^[ \t\n\v\f\r]*([+-]?)(\d+)$/;

/** Redis's string2ll acceptance: canonical decimal int64 text. */
function isCanonicalInt(s: string): boolean {
  const len = s.length;
  if (len === 0 || len > 20) return false;
  if (s === '0') return true;
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  if (i === len) return false;
  const first = s.charCodeAt(i);
  if (first < 49 || first > 57) return false;
  for (i++; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  if (len < 19) return true;
  const v = BigInt(s);
  return v >= -(2n ** 63n) && v < 2n ** 63n;
}

/**
 * Redis's string2ull: a canonical non-negative int64, else glibc strtoull base 10 (leading spaces, a sign — a
 * minus wraps around —, digits to the end, at most 2^64 - 1). Null when rejected.
 */
function string2ull(client: Client, s: string): U64 | null {
  if (isCanonicalInt(s)) {
    if (s.charCodeAt(0) === 45) return null;
    return s.length <= 15 ? Number(s) : u64(BigInt(s));
  }
  clearErrno(client.server);
  const m = STRTOULL.exec(s);
  if (m === null) return null;
  let v = BigInt(m[2]);
  if (v > U64_MAX) return null;
  if (m[1] === '-') v = (U64_MAX + 1n - v) & U64_MAX;
  return u64(v);
}

/** A parsed ID; `seqGiven` is false for the `ms-*` form (allowed only where asked for). */
export interface ParsedId {
  id: StreamId;
  seqGiven: boolean;
}

/**
 * Redis's streamGenericParseIDOrReply without the reply: `-`/`+` (unless strict), `ms`, `ms-seq`, and `ms-*` when
 * `seqStar`. A missing sequence is `missingSeq`. The argument is read as a C string (up to a NUL byte).
 */
export function parseIdArg(
  client: Client,
  arg: string,
  missingSeq: U64,
  strict: boolean,
  seqStar: boolean,
): ParsedId | null {
  if (arg.length > MAX_ID_ARG) return null;
  const s = cString(arg);
  if (s === '-' || s === '+') {
    if (strict) return null;
    return { id: s === '-' ? MIN_ID : MAX_ID, seqGiven: true };
  }
  const dash = s.indexOf('-');
  const ms = string2ull(client, dash < 0 ? s : s.slice(0, dash));
  if (ms === null) return null;
  if (dash < 0) return { id: streamId(ms, missingSeq), seqGiven: true };
  const seqText = s.slice(dash + 1);
  if (seqStar && seqText === '*') return { id: streamId(ms, 0), seqGiven: false };
  const seq = string2ull(client, seqText);
  return seq === null ? null : { id: streamId(ms, seq), seqGiven: true };
}

/** An ID where `-` and `+` are not IDs (XADD, XDEL, XACK, XCLAIM…); replies the error when invalid. */
export function strictIdOrReply(client: Client, arg: string): StreamId | null {
  const parsed = parseIdArg(client, arg, 0, true, false);
  if (parsed === null) client.reply.error(StreamErr.invalidId);
  return parsed === null ? null : parsed.id;
}

/** An ID where `-` and `+` are allowed (XGROUP SETID); replies the error when invalid. */
export function idOrReply(client: Client, arg: string, missingSeq: U64 = 0): StreamId | null {
  const parsed = parseIdArg(client, arg, missingSeq, false, false);
  if (parsed === null) client.reply.error(StreamErr.invalidId);
  return parsed === null ? null : parsed.id;
}

/**
 * A range bound (XRANGE, XPENDING, XAUTOCLAIM): `(id` is exclusive (strict parse of the rest) and is turned into
 * the inclusive neighbour; an incomplete ID takes `missingSeq`. Replies the error and returns null when invalid.
 */
export function rangeBoundOrReply(client: Client, arg: string, isStart: boolean): StreamId | null {
  const exclusive = arg.length > 1 && arg.charCodeAt(0) === 40; /* ( */
  const missingSeq = isStart ? 0 : U64_MAX;
  const parsed = exclusive
    ? parseIdArg(client, arg.slice(1), missingSeq, true, false)
    : parseIdArg(client, arg, missingSeq, false, false);
  if (parsed === null) {
    client.reply.error(StreamErr.invalidId);
    return null;
  }
  const id = parsed.id;
  if (!exclusive) return id;
  if (isStart) {
    if (isMaxId(id)) {
      client.reply.error(StreamErr.invalidStart);
      return null;
    }
    return nextId(id);
  }
  if (isMinId(id)) {
    client.reply.error(StreamErr.invalidEnd);
    return null;
  }
  return prevId(id);
}
