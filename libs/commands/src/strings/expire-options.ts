import type { Client } from '../client';
import { parseI64, parseInteger } from '../args';
import { Err, invalidExpireError } from '../errors';

/** Option bits of SET and GETEX (Redis's OBJ_SET_* / OBJ_* flags). */
export const OPT_NX = 1;
export const OPT_XX = 2;
export const OPT_GET = 4;
export const OPT_KEEPTTL = 8;
export const OPT_PERSIST = 16;
export const OPT_EX = 32;
export const OPT_PX = 64;
export const OPT_EXAT = 128;
export const OPT_PXAT = 256;

/** Any of the four expire options. */
export const OPT_ANY_EXPIRE = OPT_EX | OPT_PX | OPT_EXAT | OPT_PXAT;

/** Which command the options belong to: SET accepts NX/XX/GET/KEEPTTL, GETEX accepts PERSIST. */
export type OptionsCommand = 'set' | 'getex';

export interface StringOptions {
  flags: number;
  /** The EX/PX/EXAT/PXAT argument, unparsed (errors in it come later, in Redis's order). */
  expire: string | undefined;
}

function is2(s: string, a: number, b: number): boolean {
  return s.length === 2 && (s.charCodeAt(0) | 0x20) === a && (s.charCodeAt(1) | 0x20) === b;
}

/** Redis compares options as C strings: anything from an embedded NUL on is ignored ("NX\0junk" is NX). */
export function cString(s: string): string {
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}

/** Expire options exclude each other, KEEPTTL and PERSIST, but not themselves; each needs a value. */
function expireAllowed(flags: number, bit: number, hasNext: boolean): boolean {
  return hasNext && (flags & (OPT_KEEPTTL | OPT_PERSIST | (OPT_ANY_EXPIRE & ~bit))) === 0;
}

/**
 * Parses `argv[start..]` as SET or GETEX options with Redis's rules: an option that conflicts with one
 * already seen is a syntax error, a repeated compatible option is accepted (the last value wins), and an
 * expire option needs a following argument. Replies `ERR syntax error` and returns null on failure.
 */
export function parseStringOptions(
  client: Client,
  argv: readonly string[],
  start: number,
  command: OptionsCommand,
): StringOptions | null {
  const isSet = command === 'set';
  let flags = 0;
  let expire: string | undefined;
  for (let j = start; j < argv.length; j++) {
    const opt = cString(argv[j]);
    const hasNext = j + 1 < argv.length;
    const upper = opt.length <= 7 ? opt.toUpperCase() : '';
    let bit = 0;
    if (isSet && is2(opt, 0x6e, 0x78) && (flags & OPT_XX) === 0) bit = OPT_NX;
    else if (isSet && is2(opt, 0x78, 0x78) && (flags & OPT_NX) === 0) bit = OPT_XX;
    else if (isSet && upper === 'GET') bit = OPT_GET;
    else if (isSet && upper === 'KEEPTTL' && (flags & (OPT_PERSIST | OPT_ANY_EXPIRE)) === 0)
      bit = OPT_KEEPTTL;
    else if (!isSet && upper === 'PERSIST' && (flags & (OPT_KEEPTTL | OPT_ANY_EXPIRE)) === 0)
      bit = OPT_PERSIST;
    else if (upper === 'EX' && expireAllowed(flags, OPT_EX, hasNext)) bit = OPT_EX;
    else if (upper === 'PX' && expireAllowed(flags, OPT_PX, hasNext)) bit = OPT_PX;
    else if (upper === 'EXAT' && expireAllowed(flags, OPT_EXAT, hasNext)) bit = OPT_EXAT;
    else if (upper === 'PXAT' && expireAllowed(flags, OPT_PXAT, hasNext)) bit = OPT_PXAT;
    if (bit === 0) {
      client.reply.error(Err.syntax);
      return null;
    }
    flags |= bit;
    if ((bit & OPT_ANY_EXPIRE) !== 0) expire = argv[++j];
  }
  return { flags, expire };
}

const I64_MAX = 9223372036854775807n;
const MAX_SECONDS = I64_MAX / 1000n;

/**
 * Redis's getExpireMillisecondsOrReply: the absolute expire time in ms for `text`, relative (EX/PX, from
 * keyspace.now()) or absolute (EXAT/PXAT), in seconds or ms. Replies `not an integer` or
 * `invalid expire time in '<name>' command` (zero, negative, or past 2^63-1 ms) and returns null on failure.
 */
export function resolveExpireAt(
  client: Client,
  name: string,
  text: string,
  seconds: boolean,
  relative: boolean,
): number | null {
  const v = parseInteger(text);
  if (v === null) {
    client.reply.error(Err.notInteger);
    return null;
  }
  if (v <= 0) {
    client.reply.error(invalidExpireError(name));
    return null;
  }
  const now = relative ? client.server.keyspace.now() : 0;
  // Fast path: every intermediate value stays an exact double.
  const ms = seconds ? v * 1000 : v;
  const at = ms + now;
  if (Number.isSafeInteger(at)) return at;
  return resolveExpireAtBig(client, name, text, seconds, now);
}

/** The same checks in 64-bit arithmetic, for values beyond 2^53 where doubles are no longer exact. */
function resolveExpireAtBig(
  client: Client,
  name: string,
  text: string,
  seconds: boolean,
  now: number,
): number | null {
  const v = parseI64(text) as bigint;
  if (seconds && v > MAX_SECONDS) {
    client.reply.error(invalidExpireError(name));
    return null;
  }
  const at = (seconds ? v * 1000n : v) + BigInt(now);
  // In C the sum wraps negative past 2^63-1; Redis reports that as an invalid expire time.
  if (at > I64_MAX) {
    client.reply.error(invalidExpireError(name));
    return null;
  }
  return Number(at);
}

/** True for the options whose time is relative to now (EX, PX). */
export function isRelativeExpire(flags: number): boolean {
  return (flags & (OPT_EX | OPT_PX)) !== 0;
}

/** True for the options counted in seconds (EX, EXAT). */
export function isSecondsExpire(flags: number): boolean {
  return (flags & (OPT_EX | OPT_EXAT)) !== 0;
}
