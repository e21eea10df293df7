import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { xgroupGeneric } from './xgroup-generic';

export const xgroupSetidCommand = defineCommand({
  name: 'xgroup|setid',
  arity: -5,
  flags: ['write'],
  firstKey: 2,
  lastKey: 2,
  keyStep: 1,
  categories: ['write', 'stream'],
  group: 'stream',
  summary: 'Set a consumer group to an arbitrary last delivered ID value.',
  since: '5.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    xgroupGeneric(client, argv);
  },
});
