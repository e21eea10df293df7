import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { parseI64 } from '../args';
import { Err } from '../errors';
import { HashErr } from './errors';
import { hashWritten, setCheckedField, writeHashOrCreate } from './hash-lookup';

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/**
 * The increment is parsed first, then the key's type, then the stored value (a new hash has none to refuse).
 */
export const hincrbyCommand = defineCommand({
  name: 'hincrby',
  arity: 4,
  flags: ['write', 'denyoom', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'hash', 'fast'],
  group: 'hash',
  summary: 'Increment the integer value of a hash field by the given number',
  since: '2.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const incr = parseI64(argv[3]);
    if (incr === null) {
      client.reply.error(Err.notInteger);
      return;
    }
    const hash = writeHashOrCreate(client, argv[1]);
    if (hash === null) return;
    const current = hash.get(argv[2]);
    const value = current === undefined ? 0n : parseI64(current);
    if (value === null) {
      client.reply.error(HashErr.valueNotInteger);
      return;
    }
    const sum = value + incr;
    if (sum < I64_MIN || sum > I64_MAX) {
      client.reply.error(Err.overflow);
      return;
    }
    const wasNew = hash.size === 0;
    setCheckedField(client, hash, argv[2], sum.toString());
    hashWritten(client, argv[1], hash, wasNew, 'hincrby');
    client.reply.integerBig(sum);
  },
});
