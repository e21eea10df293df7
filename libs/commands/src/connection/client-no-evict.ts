import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Err } from '../errors';

export const clientNoEvictCommand = defineCommand({
  name: 'client|no-evict',
  arity: 3,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  categories: ['admin', 'slow', 'dangerous', 'connection'],
  group: 'connection',
  summary: 'Set client eviction mode for the current connection',
  since: '7.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const mode = argv[2].toLowerCase();
    if (mode !== 'on' && mode !== 'off') {
      client.reply.error(Err.syntax);
      return;
    }
    client.noEvict = mode === 'on';
    client.reply.ok();
  },
});
