import type { Client } from '../client';
import { blockClient } from './block-client';
import type { BlockedRequest } from './blocked-request';

/** A reply that comes later (takeover, shutdown): the client waits like a blocked client, its next commands queued. */
class PendingRequest implements BlockedRequest {
  readonly keys: readonly string[] = [];
  readonly deadlineMs = 0;
  /** Only the outcome answers it: CLIENT UNBLOCK would leave the client with no reply at all. */
  readonly unblockable = false;
  tryServe(): boolean {
    return false;
  }
  onTimeout(): void {}
}

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
