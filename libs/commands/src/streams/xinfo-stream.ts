import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { xinfoGeneric } from './xinfo-generic';

export const xinfoStreamCommand = defineCommand({
  name: 'xinfo|stream',
  arity: -3,
  flags: ['readonly'],
  firstKey: 2,
  lastKey: 2,
  keyStep: 1,
  categories: ['read', 'stream'],
  group: 'stream',
  summary: 'Get information about a stream',
  since: '5.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    xinfoGeneric(client, argv);
  },
});
