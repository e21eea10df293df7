import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { xinfoGeneric } from './xinfo-generic';

export const xinfoGroupsCommand = defineCommand({
  name: 'xinfo|groups',
  arity: 3,
  flags: ['readonly'],
  firstKey: 2,
  lastKey: 2,
  keyStep: 1,
  categories: ['read', 'stream'],
  group: 'stream',
  summary: 'List the consumer groups of a stream',
  since: '5.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    xinfoGeneric(client, argv);
  },
});
