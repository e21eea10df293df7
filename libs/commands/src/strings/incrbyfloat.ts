import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { Err } from '../errors';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { StringErr } from './errors';
import {
  INFINITE,
  LD_ZERO,
  addLongDouble,
  formatLongDoubleHuman,
  parseLongDouble,
  type LongDouble,
} from './long-double';

/**
 * INCRBYFLOAT in Redis's long double arithmetic (see long-double.ts): the type is checked first, then the
 * stored value and the increment must parse, and a NaN or infinite sum is refused. The TTL stays.
 */
export const incrbyfloatCommand = defineCommand({
  name: 'incrbyfloat',
  arity: 3,
  flags: ['write', 'denyoom', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'string', 'fast'],
  group: 'string',
  summary: 'Increment the float value of a key by the given amount',
  since: '2.6.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const key = argv[1];
    const current = client.db.get(key);
    if (current !== undefined && typeof current !== 'string') {
      client.reply.error(Err.wrongType);
      return;
    }
    const value: LongDouble | typeof INFINITE | null =
      current === undefined ? LD_ZERO : parseLongDouble(current);
    const incr = value === null ? null : parseLongDouble(argv[2]);
    if (value === null || incr === null) {
      client.reply.error(Err.notFloat);
      return;
    }
    const sum = value === INFINITE || incr === INFINITE ? null : addLongDouble(value, incr);
    if (sum === null) {
      client.reply.error(StringErr.nanOrInfinity);
      return;
    }
    const text = formatLongDoubleHuman(sum);
    client.db.setKeepTtl(key, text);
    // Redis stores the formatted number as a plain string object, never int-encoded.
    client.db.setEncoding(key, text.length <= 44 ? 'embstr' : 'raw');
    notifyKeyspaceEvent(client, Notify.string, 'incrbyfloat', key);
    client.reply.bulk(text);
  },
});
