import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { parseI64 } from '../args';
import { Err } from '../errors';
import { SetErr } from './errors';
import { intersect } from './set-algebra';

/**
 * SINTERCARD numkeys key [key ...] [LIMIT limit]: the numkeys and option checks come before any lookup.
 */
export const sintercardCommand = defineCommand({
  name: 'sintercard',
  arity: -3,
  flags: ['readonly', 'movablekeys'],
  firstKey: 0,
  lastKey: 0,
  keyStep: 0,
  categories: ['read', 'set', 'slow'],
  group: 'set',
  summary: 'Intersect multiple sets and return the cardinality of the result',
  since: '7.0.0',
  complexity: 'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.',
  execute(client: Client, argv: string[]): void {
    const numkeys = parseI64(argv[1]);
    if (numkeys === null || numkeys < 1n) {
      client.reply.error(SetErr.numkeysPositive);
      return;
    }
    if (numkeys > BigInt(argv.length - 2)) {
      client.reply.error(SetErr.numkeysTooMany);
      return;
    }
    const end = 2 + Number(numkeys);
    let limit = 0;
    for (let i = end; i < argv.length; i++) {
      if (argv[i].toLowerCase() === 'limit' && i + 1 < argv.length) {
        const parsed = parseI64(argv[++i]);
        if (parsed === null || parsed < 0n) {
          client.reply.error(SetErr.limitNegative);
          return;
        }
        limit = Number(parsed);
      } else {
        client.reply.error(Err.syntax);
        return;
      }
    }
    intersect(client, argv, 2, end, { dst: null, cardinalityOnly: true, limit });
  },
});
