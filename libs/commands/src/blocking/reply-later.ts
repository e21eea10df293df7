import type { Client } from '../client';
import { blockClient } from './block-client';
import { PendingRequest } from './pending-request';

/** Writes a parked client's reply; does nothing once the client is gone or already answered. */
export type LaterReply = (write: (client: Client) => void) => void;

/** Parks the client until `answer` is called with a function writing its reply. */
export function replyLater(client: Client): LaterReply {
  blockClient(client, new PendingRequest());
  return (write) => {
    if (client.blocked === null) return;
    write(client);
    client.server.blocking.wake(client);
  };
}
