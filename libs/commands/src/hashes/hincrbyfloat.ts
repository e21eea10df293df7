import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { Err } from '../errors';
import {
  INFINITE,
  LD_ZERO,
  addLongDouble,
  formatLongDoubleHuman,
  parseLongDouble,
} from '../strings/long-double';
import { HashErr } from './errors';
import { hashWritten, setCheckedField, writeHashOrCreate } from './hash-lookup';

/**
 * HINCRBYFLOAT in Redis's long double arithmetic (strings/long-double.ts), formatted as INCRBYFLOAT does.
 * An infinite increment is refused before the key is looked up; an infinite stored value fails the sum check.
 */
export const hincrbyfloatCommand = defineCommand({
  name: 'hincrbyfloat',
  arity: 4,
  flags: ['write', 'denyoom', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'hash', 'fast'],
  group: 'hash',
  summary: 'Increment the float value of a hash field by the given amount',
  since: '2.6.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const incr = parseLongDouble(argv[3]);
    if (incr === null) {
      client.reply.error(Err.notFloat);
      return;
    }
    if (incr === INFINITE) {
      client.reply.error(HashErr.incrNanOrInfinity);
      return;
    }
    const hash = writeHashOrCreate(client, argv[1]);
    if (hash === null) return;
    const current = hash.get(argv[2]);
    const value = current === undefined ? LD_ZERO : parseLongDouble(current);
    if (value === null) {
      client.reply.error(HashErr.valueNotFloat);
      return;
    }
    const sum = value === INFINITE ? null : addLongDouble(value, incr);
    if (sum === null) {
      client.reply.error(HashErr.resultNanOrInfinity);
      return;
    }
    const text = formatLongDoubleHuman(sum);
    const wasNew = hash.size === 0;
    setCheckedField(client, hash, argv[2], text);
    hashWritten(client, argv[1], hash, wasNew, 'hincrbyfloat');
    client.reply.bulk(text);
  },
});
