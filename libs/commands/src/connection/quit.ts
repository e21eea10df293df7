import type { Client } from '../client';
import { defineCommand } from '../command-spec';

export const quitCommand = defineCommand({
  name: 'quit',
  arity: -1,
  flags: ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'allow_busy'],
  categories: ['fast', 'connection'],
  group: 'connection',
  summary: 'Close the connection',
  since: '1.0.0',
  complexity: 'O(1)',
  execute(client: Client): void {
    client.reply.ok();
    client.transport.closeAfterReply();
  },
});
