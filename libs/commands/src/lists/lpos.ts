import { parseI64 } from '../args';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Err } from '../errors';
import { ListErr } from './errors';
import { isListOrReply, lookupRead, parseNonNegative } from './list-lookup';

/** -2^63: Redis negates RANK in a C long, so this one stays negative (see below). */
const LONG_MIN = -(2n ** 63n);

interface LposOptions {
  rank: number;
  /** RANK was exactly -2^63 (a double cannot tell it from -2^63+1). */
  rankIsLongMin: boolean;
  /** -1 when COUNT was not given (then the reply is one index or nil, not an array). */
  count: number;
  maxlen: number;
}

/** Parses RANK/COUNT/MAXLEN in order, replying the first error; null when one was replied. */
function parseOptions(client: Client, argv: string[]): LposOptions | null {
  const opts: LposOptions = { rank: 1, rankIsLongMin: false, count: -1, maxlen: 0 };
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j].toLowerCase();
    const hasValue = j + 1 < argv.length;
    if (opt === 'rank' && hasValue) {
      const rank = parseI64(argv[++j]);
      if (rank === null) return fail(client, Err.notInteger);
      if (rank === 0n) return fail(client, ListErr.rankZero);
      opts.rank = Number(rank);
      opts.rankIsLongMin = rank === LONG_MIN;
    } else if (opt === 'count' && hasValue) {
      const count = parseNonNegative(argv[++j]);
      if (count === null) return fail(client, ListErr.countNegative);
      opts.count = count;
    } else if (opt === 'maxlen' && hasValue) {
      const maxlen = parseNonNegative(argv[++j]);
      if (maxlen === null) return fail(client, ListErr.maxlenNegative);
      opts.maxlen = maxlen;
    } else {
      return fail(client, Err.syntax);
    }
  }
  return opts;
}

function fail(client: Client, message: string): null {
  client.reply.error(message);
  return null;
}

export const lposCommand = defineCommand({
  name: 'lpos',
  arity: -3,
  flags: ['readonly'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'list', 'slow'],
  group: 'list',
  summary: 'Return the index of matching elements on a list',
  since: '6.0.6',
  complexity:
    'O(N) where N is the number of elements in the list, for the average case. When searching for elements near the head or the tail of the list, or when the MAXLEN option is provided, the command may run in constant time.',
  execute(client: Client, argv: string[]): void {
    const opts = parseOptions(client, argv);
    if (opts === null) return;
    const value = lookupRead(client, argv[1]);
    if (value === undefined) {
      if (opts.count !== -1) client.reply.array(0);
      else client.reply.nil();
      return;
    }
    if (!isListOrReply(client, value)) return;
    const { rank, count } = opts;
    let skip = Math.abs(rank) - 1;
    let limit = count === -1 ? 1 : count;
    if (opts.rankIsLongMin) {
      // Redis: -LONG_MIN overflows back to LONG_MIN, so every match passes "matches >= rank" and the COUNT
      // test "matches - rank + 1 >= count" overflows negative: all matches from the tail.
      skip = 0;
      if (count !== -1) limit = 0;
    }
    const found = value.findMatches(argv[2], rank < 0, skip, limit, opts.maxlen);
    if (count === -1) {
      if (found.length === 0) client.reply.nil();
      else client.reply.integer(found[0]);
      return;
    }
    client.reply.array(found.length);
    for (const index of found) client.reply.integer(index);
  },
});
