import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { StringErr } from './errors';
import { incrementInteger, parseDelta } from './increment';

const I64_MIN = -(2n ** 63n);

export const decrbyCommand = defineCommand({
  name: 'decrby',
  arity: 3,
  flags: ['write', 'denyoom', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'string', 'fast'],
  group: 'string',
  summary: 'Decrement the integer value of a key by the given number',
  since: '1.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const delta = parseDelta(client, argv[2]);
    if (delta === null) return;
    if (typeof delta === 'number') {
      incrementInteger(client, argv[1], -delta);
    } else if (delta === I64_MIN) {
      // -(-2^63) does not fit in 64 bits: Redis refuses before looking at the key.
      client.reply.error(StringErr.decrementOverflow);
    } else {
      incrementInteger(client, argv[1], -delta);
    }
  },
});
