import type { Client } from '../client';

/** Ends the transaction: queued commands and watches are dropped (Redis's discardTransaction). */
export function discardTransaction(client: Client): void {
  client.multi = null;
  client.multiAborted = false;
  client.watchDirty = false;
  client.server.watches.unwatchAll(client);
}

/** EXEC refused before running anything: the transaction is discarded and EXECABORT says why. */
export function abortExec(client: Client, reason: string): void {
  discardTransaction(client);
  client.reply.error(`EXECABORT Transaction discarded because of: ${reason}`);
}
