import { blockClient, type BlockedRequest, type Client } from '@drake/commands';

/** A reply that comes later (takeover): the client waits like a blocked client, nothing else is queued. */
class PendingRequest implements BlockedRequest {
  readonly keys: readonly string[] = [];
  readonly deadlineMs = 0;
  /** Only the outcome of the takeover answers it: CLIENT UNBLOCK would leave the client with no reply at all. */
  readonly unblockable = false;
  tryServe(): boolean {
    return false;
  }
  onTimeout(): void {}
}

/** Parks the client until `answer` is called with a function writing its reply. */
export function replyLater(client: Client): (write: (client: Client) => void) => void {
  blockClient(client, new PendingRequest());
  return (write) => {
    if (client.blocked === null) return;
    write(client);
    client.server.blocking.wake(client);
  };
}
