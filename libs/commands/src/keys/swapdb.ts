import { parseI64 } from '../args';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Err } from '../errors';

/** getIntFromObjectOrReply with a message: a non-integer and an int32 overflow both answer `message`. */
function parseSwapIndex(text: string, message: string): number | string {
  const v = parseI64(text);
  if (v === null || v < -2147483648n || v > 2147483647n) return message;
  return Number(v);
}

/**
 * SWAPDB a b (Redis 7.0's dbSwapDatabases): the two databases trade their keys. Clients, WATCHes and blocked
 * clients stay where they were: watchers of a key present on either side are dirtied, XREADGROUP waiters whose
 * stream goes away are told so, and waiters whose key the database now holds are served.
 */
export const swapdbCommand = defineCommand({
  name: 'swapdb',
  arity: 3,
  flags: ['write', 'fast'],
  categories: ['keyspace', 'write', 'fast', 'dangerous'],
  group: 'server',
  summary: 'Swaps two Redis databases',
  since: '4.0.0',
  complexity: 'O(N) where N is the count of clients watching or blocking on keys from both databases.',
  execute(client: Client, argv: string[]): void {
    const reply = client.reply;
    const a = parseSwapIndex(argv[1], 'ERR invalid first DB index');
    const b = typeof a === 'string' ? a : parseSwapIndex(argv[2], 'ERR invalid second DB index');
    const { keyspace, watches, blocking } = client.server;
    if (typeof a === 'string' || typeof b === 'string') {
      reply.error(typeof a === 'string' ? a : (b as string));
      return;
    }
    if (a < 0 || a >= keyspace.dbCount || b < 0 || b >= keyspace.dbCount) {
      reply.error(Err.dbIndexOutOfRange);
      return;
    }
    if (a !== b) {
      watches.emptying(a, b);
      watches.emptying(b, a);
      blocking.streamsVanishing(a, b);
      blocking.streamsVanishing(b, a);
    }
    keyspace.swapDatabases(a, b);
    if (a !== b) {
      blocking.keysPresent(a);
      blocking.keysPresent(b);
    }
    reply.ok();
  },
});
