import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { isValidClientName } from './client-name';
import { ConnErr } from './errors';

export const clientSetnameCommand = defineCommand({
  name: 'client|setname',
  arity: 3,
  flags: ['noscript', 'loading', 'stale'],
  categories: ['slow', 'connection'],
  group: 'connection',
  summary: 'Set the current connection name',
  since: '2.6.9',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    if (!isValidClientName(argv[2])) {
      client.reply.error(ConnErr.badClientName);
      return;
    }
    client.name = argv[2];
    client.reply.ok();
  },
});
