import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { replyCommandKeys } from './command-getkeys-reply';

export const commandGetkeysandflagsCommand = defineCommand({
  name: 'command|getkeysandflags',
  arity: -4,
  flags: ['loading', 'stale'],
  categories: ['slow', 'connection'],
  group: 'server',
  summary: 'Extract keys and access flags given a full Redis command',
  since: '7.0.0',
  complexity: 'O(N) where N is the number of arguments to the command',
  execute(client: Client, argv: string[]): void {
    replyCommandKeys(client, argv, true);
  },
});
