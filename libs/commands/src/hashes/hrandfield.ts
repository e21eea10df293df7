import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { parseI64 } from '../args';
import { Err } from '../errors';
import { HashErr } from './errors';
import { readHash } from './hash-lookup';
import { replyRandomFields } from './hrandfield-count';

const HALF_LONG_MAX = 4611686018427387903n;

/**
 * HRANDFIELD key [count [WITHVALUES]]: without a count one random field (nil when missing); with one, see
 * hrandfield-count.ts. The count and the options are checked before the key.
 */
export const hrandfieldCommand = defineCommand({
  name: 'hrandfield',
  arity: -2,
  flags: ['readonly'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'hash', 'slow'],
  group: 'hash',
  summary: 'Get one or multiple random fields from a hash',
  since: '6.2.0',
  complexity: 'O(N) where N is the number of fields returned',
  execute(client: Client, argv: string[]): void {
    if (argv.length === 2) {
      const hash = readHash(client, argv[1]);
      if (hash === null) return;
      if (hash === undefined) client.reply.nil();
      else client.reply.bulk(hash.fields()[hash.randomSlot()]);
      return;
    }
    const parsed = parseI64(argv[2]);
    if (parsed === null) {
      client.reply.error(Err.notInteger);
      return;
    }
    // Redis takes -LONG_MAX..LONG_MAX: only LONG_MIN is out of range.
    if (parsed === -(2n ** 63n)) {
      client.reply.error(HashErr.countOutOfRange);
      return;
    }
    if (argv.length > 4 || (argv.length === 4 && argv[3].toLowerCase() !== 'withvalues')) {
      client.reply.error(Err.syntax);
      return;
    }
    // With values the reply holds two items per pick, so Redis halves the range.
    if (argv.length === 4 && (parsed > HALF_LONG_MAX || parsed < -HALF_LONG_MAX)) {
      client.reply.error(HashErr.valueOutOfRange);
      return;
    }
    const count = Number(parsed);
    const hash = readHash(client, argv[1]);
    if (hash === null) return;
    if (hash === undefined || count === 0) {
      client.reply.array(0);
      return;
    }
    replyRandomFields(client, hash, count, argv.length === 4);
  },
});
