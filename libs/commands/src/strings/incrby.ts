import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { incrementInteger, parseDelta } from './increment';

export const incrbyCommand = defineCommand({
  name: 'incrby',
  arity: 3,
  flags: ['write', 'denyoom', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'string', 'fast'],
  group: 'string',
  summary: 'Increment the integer value of a key by the given amount',
  since: '1.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    // The increment is validated before the key is looked at, as in Redis.
    const delta = parseDelta(client, argv[2]);
    if (delta !== null) incrementInteger(client, argv[1], delta);
  },
});
