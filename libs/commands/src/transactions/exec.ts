import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { runCommand } from '../dispatcher';
import { propagateExec } from '../propagation/propagate';
import { discardTransaction } from './transaction-state';

export const execCommand = defineCommand({
  name: 'exec',
  arity: 1,
  flags: ['noscript', 'loading', 'stale', 'skip_slowlog'],
  categories: ['slow', 'transaction'],
  group: 'transactions',
  summary: 'Execute all commands issued after MULTI',
  since: '1.2.0',
  complexity: 'Depends on commands in the transaction',
  /**
   * Runs the queued commands back to back, nothing in between (the event loop is not yielded), so the
   * transaction is atomic. A touched WATCH key answers a null array; a queueing error answers EXECABORT.
   */
  execute(client: Client): void {
    const queued = client.multi;
    if (queued === null) {
      client.reply.error('ERR EXEC without MULTI');
      return;
    }
    if (client.server.watches.anyExpired(client)) client.watchDirty = true;
    if (client.multiAborted) {
      discardTransaction(client);
      client.reply.error('EXECABORT Transaction discarded because of previous errors.');
      return;
    }
    if (client.watchDirty) {
      discardTransaction(client);
      client.reply.nullArray();
      return;
    }
    client.server.watches.unwatchAll(client);
    client.multi = null;
    client.inExec = true;
    try {
      client.reply.array(queued.length);
      for (const { spec, argv } of queued) runCommand(client, spec, argv);
    } finally {
      client.inExec = false;
      discardTransaction(client);
      propagateExec(client);
    }
  },
});
