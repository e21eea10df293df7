import { parseI64 } from '../args';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { subcommandSyntaxError } from '../errors';
import { defineContainer, defineHelpSubcommand } from '../server/help';

const HELP = [
  'GET [<count>]',
  '    Return top <count> entries from the slowlog (default: 10, -1 mean all).',
  '    Entries are made of:',
  '    id, timestamp, time in microseconds, arguments array, client IP and port,',
  '    client name',
  'LEN',
  '    Return the length of the slowlog.',
  'RESET',
  '    Reset the slowlog.',
];

const COUNT_ERROR = 'ERR count should be greater than or equal to -1';

const slowlogGetCommand = defineCommand({
  name: 'slowlog|get',
  arity: -2,
  flags: ['admin', 'loading', 'stale'],
  categories: ['admin', 'slow', 'dangerous'],
  group: 'server',
  summary: "Get the slow log's entries",
  since: '2.2.12',
  complexity: 'O(N) where N is the number of entries returned',
  execute(client: Client, argv: string[]): void {
    const reply = client.reply;
    const slowlog = client.server.slowlog;
    let count = 10;
    if (argv.length > 3) {
      reply.error(subcommandSyntaxError('slowlog', argv[1]));
      return;
    }
    if (argv.length === 3) {
      // getRangeLongFromObjectOrReply(-1, LONG_MAX): a non-integer gets the same message as a count below -1.
      const v = parseI64(argv[2]);
      if (v === null || v < -1n) {
        reply.error(COUNT_ERROR);
        return;
      }
      count = v === -1n ? slowlog.length : Number(v);
    }
    const entries = slowlog.newest(count);
    reply.array(entries.length);
    for (const e of entries) {
      reply.array(6);
      reply.integer(e.id);
      reply.integer(e.time);
      reply.integer(e.durationUs);
      reply.array(e.argv.length);
      for (const arg of e.argv) reply.bulk(arg);
      reply.bulk(e.peer);
      reply.bulk(e.clientName);
    }
  },
});

const slowlogLenCommand = defineCommand({
  name: 'slowlog|len',
  arity: 2,
  flags: ['admin', 'loading', 'stale'],
  categories: ['admin', 'slow', 'dangerous'],
  group: 'server',
  summary: "Get the slow log's length",
  since: '2.2.12',
  complexity: 'O(1)',
  execute(client: Client): void {
    client.reply.integer(client.server.slowlog.length);
  },
});

const slowlogResetCommand = defineCommand({
  name: 'slowlog|reset',
  arity: 2,
  flags: ['admin', 'loading', 'stale'],
  categories: ['admin', 'slow', 'dangerous'],
  group: 'server',
  summary: 'Clear all entries from the slow log',
  since: '2.2.12',
  complexity: 'O(N) where N is the number of entries in the slowlog',
  execute(client: Client): void {
    client.server.slowlog.reset();
    client.reply.ok();
  },
});

/** SLOWLOG is a container: the dispatcher runs `slowlog|<sub>`. */
export const slowlogCommand = defineContainer({
  name: 'slowlog',
  summary: 'A container for slow log commands',
  since: '2.2.12',
  // In the order Redis 7.0's COMMAND lists them (its subcommand table's hash order).
  subcommands: [
    slowlogGetCommand,
    slowlogResetCommand,
    defineHelpSubcommand('slowlog', '6.2.0', HELP),
    slowlogLenCommand,
  ],
});
