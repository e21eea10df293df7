import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { replyCommandKeys } from './command-getkeys-reply';

export const commandGetkeysCommand = defineCommand({
  name: 'command|getkeys',
  arity: -4,
  flags: ['loading', 'stale'],
  categories: ['slow', 'connection'],
  group: 'server',
  summary: 'Extract keys given a full Redis command',
  since: '2.8.13',
  complexity: 'O(N) where N is the number of arguments to the command',
  execute(client: Client, argv: string[]): void {
    replyCommandKeys(client, argv, false);
  },
});
