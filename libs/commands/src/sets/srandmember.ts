import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { Err } from '../errors';
import { randomMembers } from './srandmember-count';
import { readSet } from './set-lookup';

/**
 * SRANDMEMBER key [count]: one random member (nil when missing) or, with a count, see srandmember-count.ts.
 */
export const srandmemberCommand = defineCommand({
  name: 'srandmember',
  arity: -2,
  flags: ['readonly'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'set', 'slow'],
  group: 'set',
  summary: 'Get one or multiple random members from a set',
  since: '1.0.0',
  complexity:
    'Without the count argument O(1), otherwise O(N) where N is the absolute value of the passed count.',
  execute(client: Client, argv: string[]): void {
    if (argv.length === 3) {
      randomMembers(client, argv);
      return;
    }
    if (argv.length > 3) {
      client.reply.error(Err.syntax);
      return;
    }
    const set = readSet(client, argv[1]);
    if (set === null) return;
    if (set === undefined) client.reply.nil();
    else client.reply.bulk(set.random());
  },
});
