import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { xgroupGeneric } from './xgroup-generic';

export const xgroupDestroyCommand = defineCommand({
  name: 'xgroup|destroy',
  arity: 4,
  flags: ['write'],
  firstKey: 2,
  lastKey: 2,
  keyStep: 1,
  categories: ['write', 'stream'],
  group: 'stream',
  summary: 'Destroy a consumer group.',
  since: '5.0.0',
  complexity: "O(N) where N is the number of entries in the group's pending entries list (PEL).",
  execute(client: Client, argv: string[]): void {
    xgroupGeneric(client, argv);
  },
});
