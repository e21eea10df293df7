import { parseDoubleUnchecked, parseInteger } from '../args';
import { LONG_DOUBLE_MAX_CHARS, parseLongDouble } from '../strings/long-double';
import type { Client } from '../client';
import type { BlockedRequest } from './blocked-request';

/**
 * Blocks the client until `request` is served or times out; its next commands wait meanwhile. Inside EXEC a
 * blocking command cannot wait, so it answers its timeout reply at once, as Redis does.
 */
export function blockClient(client: Client, request: BlockedRequest): void {
  if (client.inExec) {
    request.onTimeout(client);
    return;
  }
  client.server.blocking.block(client, request);
}

/** Largest timeout in ms that still fits Redis's signed 64-bit arithmetic (larger ones overflow to negative). */
const MAX_TIMEOUT_MS = 2 ** 63;

/**
 * Parses a blocking timeout (seconds as a float for BLPOP and friends, integer ms for XREAD BLOCK) into an
 * absolute deadline on the keyspace clock (0 = forever), or writes Redis's error and returns null.
 */
export function parseBlockTimeout(client: Client, arg: string, unit: 'seconds' | 'ms'): number | null {
  let ms: number;
  if (unit === 'seconds') {
    const seconds = parseTimeoutSeconds(arg);
    if (seconds === null) {
      client.reply.error('ERR timeout is not a float or out of range');
      return null;
    }
    ms = Math.ceil(seconds * 1000);
    // Redis casts to long long: infinities and huge values come out negative.
    if (!Number.isFinite(ms) || ms >= MAX_TIMEOUT_MS) ms = -1;
  } else {
    const parsed = parseInteger(arg);
    if (parsed === null) {
      client.reply.error('ERR timeout is not an integer or out of range');
      return null;
    }
    ms = parsed;
  }
  if (ms < 0) {
    client.reply.error('ERR timeout is negative');
    return null;
  }
  return ms === 0 ? 0 : client.server.keyspace.now() + ms;
}

/**
 * Seconds as Redis reads them, in long double: a double's overflow (1e400) or underflow (1e-400) is still a
 * valid timeout, strtold's own (1e5000) is not, nor a text of 5 KB or more.
 */
function parseTimeoutSeconds(arg: string): number | null {
  const seconds = parseDoubleUnchecked(arg);
  if (seconds === null) return null;
  if (seconds !== 0 && Number.isFinite(seconds) && arg.length < LONG_DOUBLE_MAX_CHARS) return seconds;
  return parseLongDouble(arg) === null ? null : seconds;
}
