import type { Journal } from '@drake/journal';
import type { SyncSession } from './sync-session';

/** How often a master in takeover checks whether the replica caught up. */
const CHECK_EVERY_MS = 5;

/** True when the replica acknowledged every record of every shard. */
export function caughtUp(session: SyncSession, journal: Journal): boolean {
  return session.flows.every((f, i) => f !== undefined && f.ackedLsn >= journal.shard(i).currentLsn);
}

/**
 * The master's half of REPLTAKEOVER: writes are already refused; waits until the replica acknowledged the last
 * record of every shard, then reports success, or failure after `timeoutMs`.
 */
export function awaitCatchUp(
  session: SyncSession,
  journal: Journal,
  timeoutMs: number,
  done: (ok: boolean) => void,
): void {
  const deadline = Date.now() + timeoutMs;
  const check = (): void => {
    if (caughtUp(session, journal)) done(true);
    else if (Date.now() >= deadline) done(false);
    else setTimeout(check, CHECK_EVERY_MS);
  };
  check();
}
