import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { discardTransaction } from '../transactions/transaction-state';

/**
 * RESET: back to a fresh connection's state — db 0, no name, RESP2, replies on, monitor off, no subscriptions
 * (dropped silently), and authenticated only if no password is required. CLIENT NO-EVICT survives, as in Redis.
 */
export const resetCommand = defineCommand({
  name: 'reset',
  arity: 1,
  flags: ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'allow_busy'],
  categories: ['fast', 'connection'],
  group: 'connection',
  summary: 'Reset the connection',
  since: '6.2.0',
  complexity: 'O(1)',
  execute(client: Client): void {
    if (client.isMonitor) {
      client.isMonitor = false;
      client.server.monitors.delete(client);
    }
    discardTransaction(client);
    client.server.pubsub.unsubscribeAll(client);
    client.server.tracking.disable(client);
    client.select(0);
    client.name = '';
    client.replyMode = 'on';
    client.reply.protocol = 2;
    client.authenticated = client.server.requirePass() === '';
    client.transport.updateParser();
    client.reply.simple('RESET');
  },
});
