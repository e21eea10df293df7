import { performance } from 'perf_hooks';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';

export const timeCommand = defineCommand({
  name: 'time',
  arity: 1,
  flags: ['loading', 'stale', 'fast'],
  categories: ['fast'],
  group: 'server',
  summary: 'Return the current server time',
  since: '2.6.0',
  complexity: 'O(1)',
  execute(client: Client): void {
    // timeOrigin + now() has sub-millisecond resolution, where Date.now() would end every value in 000.
    const micros = Math.floor((performance.timeOrigin + performance.now()) * 1000);
    client.reply.array(2);
    client.reply.bulk(String(Math.floor(micros / 1e6)));
    client.reply.bulk(String(micros % 1e6));
  },
});
