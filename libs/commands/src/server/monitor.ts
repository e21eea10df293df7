import type { Client } from '../client';
import { defineCommand } from '../command-spec';

/** Turns the connection into a monitor: the dispatcher then feeds it every command other clients run. */
export const monitorCommand = defineCommand({
  name: 'monitor',
  arity: 1,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  categories: ['admin', 'slow', 'dangerous'],
  group: 'server',
  summary: 'Listen for all requests received by the server in real time',
  since: '1.0.0',
  execute(client: Client): void {
    // A second MONITOR is ignored without a reply, as in Redis.
    if (client.isMonitor) return;
    client.isMonitor = true;
    client.server.monitors.add(client);
    client.reply.ok();
  },
});
