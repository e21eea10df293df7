import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Err } from '../errors';
import { parseInteger } from '../args';

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

export const selectCommand = defineCommand({
  name: 'select',
  arity: 2,
  flags: ['loading', 'stale', 'fast'],
  categories: ['fast', 'connection'],
  group: 'connection',
  summary: 'Change the selected database for the current connection',
  since: '1.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    // Redis reads the index as a C int: a 64-bit integer outside that range gets its own message (sic).
    const index = parseInteger(argv[1]);
    if (index === null) {
      client.reply.error(Err.notInteger);
    } else if (index < INT_MIN || index > INT_MAX) {
      client.reply.error(`ERR value is out of range, value must between ${INT_MIN} and ${INT_MAX}`);
    } else if (index < 0 || index >= client.server.keyspace.dbCount) {
      client.reply.error(Err.dbIndexOutOfRange);
    } else {
      client.select(index);
      client.reply.ok();
    }
  },
});
