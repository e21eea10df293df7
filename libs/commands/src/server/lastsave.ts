import type { Client } from '../client';
import { defineCommand } from '../command-spec';

export const lastsaveCommand = defineCommand({
  name: 'lastsave',
  arity: 1,
  flags: ['loading', 'stale', 'fast'],
  categories: ['admin', 'fast', 'dangerous'],
  group: 'server',
  summary: 'Get the UNIX time stamp of the last successful save to disk',
  since: '1.0.0',
  complexity: 'O(1)',
  execute(client: Client): void {
    client.reply.integer(client.server.lastSaveUnix);
  },
});
