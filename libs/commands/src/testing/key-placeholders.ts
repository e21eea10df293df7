import type { RedisConnection } from './redis-oracle';

const HOUR = 3_600_000;

/**
 * Time placeholders far from now in both directions, for specs that expand `{…}` arguments: `{past}`/`{pastS}`
 * an hour ago (ms, s), `{F1}`–`{F3}` absolute ms 10, 20 and 30 hours ahead (last digits apart), and `{S0}`, `{S1}`…
 * absolute seconds `secondsHours` hours ahead.
 */
export function setTimePlaceholders(
  vars: Map<string, string>,
  now: number,
  secondsHours: readonly number[],
): void {
  vars.set('{past}', String(now - HOUR));
  vars.set('{pastS}', String(Math.floor((now - HOUR) / 1000)));
  vars.set('{F1}', String(now + 10 * HOUR));
  vars.set('{F2}', String(now + 20 * HOUR + 1));
  vars.set('{F3}', String(now + 30 * HOUR + 2));
  secondsHours.forEach((hours, i) => vars.set(`{S${i}}`, String(Math.floor((now + hours * HOUR) / 1000))));
}

/** The DUMP payload (latin1) of what `setup` writes at `__capture` on redis-server; the key is dropped again. */
export async function capturedDump(conn: RedisConnection, setup: readonly string[]): Promise<string> {
  await conn.call('DEL', '__capture');
  await conn.call(...setup);
  const reply = await conn.call('DUMP', '__capture');
  await conn.call('DEL', '__capture');
  const start = reply.indexOf('\r\n') + 2;
  return reply.slice(start, reply.length - 2);
}
