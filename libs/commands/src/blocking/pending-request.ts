import type { BlockedRequest } from './blocked-request';

/**
 * A wait on no key and with no deadline, which only its owner ends (a reply that comes later, a client pause):
 * CLIENT UNBLOCK answers 0 for it, since ending it would leave the client with no reply at all.
 */
export class PendingRequest implements BlockedRequest {
  readonly keys: readonly string[] = [];
  readonly deadlineMs = 0;
  readonly unblockable = false;
  tryServe(): boolean {
    return false;
  }
  onTimeout(): void {}
}
