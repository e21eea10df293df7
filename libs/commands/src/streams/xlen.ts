import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { readStream } from './stream-lookup';

export const xlenCommand = defineCommand({
  name: 'xlen',
  arity: 2,
  flags: ['readonly', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'stream', 'fast'],
  group: 'stream',
  summary: 'Return the number of entries in a stream',
  since: '5.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const stream = readStream(client, argv[1]);
    if (stream === null) return;
    client.reply.integer(stream === undefined ? 0 : stream.length);
  },
});
