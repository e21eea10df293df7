import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { Err } from '../errors';
import { popCount } from './spop-count';
import { setChanged, writeSet } from './set-lookup';

/**
 * SPOP key [count]: one random member (nil when missing) or, with a count, see spop-count.ts.
 */
export const spopCommand = defineCommand({
  name: 'spop',
  arity: -2,
  flags: ['write', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'set', 'fast'],
  group: 'set',
  summary: 'Remove and return one or multiple random members from a set',
  since: '1.0.0',
  complexity: 'Without the count argument O(1), otherwise O(N) where N is the value of the passed count.',
  execute(client: Client, argv: string[]): void {
    if (argv.length === 3) {
      popCount(client, argv);
      return;
    }
    if (argv.length > 3) {
      client.reply.error(Err.syntax);
      return;
    }
    const set = writeSet(client, argv[1]);
    if (set === null) return;
    if (set === undefined) {
      client.reply.nil();
      return;
    }
    const member = set.pop();
    // A replica must remove this member, not pick its own at random.
    if (client.server.journal !== null) client.propagateAs = [['SREM', argv[1], member]];
    setChanged(client, argv[1], set, 'spop');
    client.reply.bulk(member);
  },
});
