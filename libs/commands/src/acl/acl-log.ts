import { readConfigNumber } from '../server/config-number';
import type { ConfigStore } from '../server-context';

/** Redis 7.0 logs only failed authentications here: Drake has no ACL rules that could deny a command. */
export type AclDenial = 'auth';
/** Where the denied call ran: on its own or inside EXEC. */
export type AclContext = 'toplevel' | 'multi';

export interface AclLogEntry {
  count: number;
  readonly reason: AclDenial;
  readonly context: AclContext;
  /** What was denied: for a failed authentication, the command's name as the client typed it (AUTH, hello). */
  readonly object: string;
  readonly username: string;
  /** When it last happened (ms). */
  createdMs: number;
  /** CLIENT INFO's line for the client, as it was the last time. */
  clientInfo: string;
}

/** Redis folds an event into an earlier entry that happened at most this long before (ACL_LOG_GROUPING_MAX_TIME_DELTA). */
const GROUPING_MS = 60_000;
/** How many of the newest entries it looks through for one to fold into. */
const GROUPING_SCAN = 10;

/**
 * ACL LOG (Redis's acl.c log): denied events, newest first, at most acllog-max-len of them (trimmed when the next
 * entry is added, as Redis does). A repeat of one of the ten newest within a minute counts in that entry and moves
 * it to the front.
 */
export class AclLog {
  maxLen = 128;
  /** Oldest first: the newest is at the end. */
  private entries: AclLogEntry[] = [];

  static following(config: ConfigStore): AclLog {
    const log = new AclLog();
    const read = (): void => {
      log.maxLen = readConfigNumber(config, 'acllog-max-len', 128);
    };
    config.onChange?.('acllog-max-len', read);
    read();
    return log;
  }

  get length(): number {
    return this.entries.length;
  }

  add(event: Omit<AclLogEntry, 'count'>): void {
    const entries = this.entries;
    for (let i = entries.length - 1; i >= 0 && i >= entries.length - GROUPING_SCAN; i--) {
      const e = entries[i];
      if (!sameEvent(e, event)) continue;
      e.count++;
      e.createdMs = event.createdMs;
      e.clientInfo = event.clientInfo;
      entries.splice(i, 1);
      entries.push(e);
      return;
    }
    entries.push({ count: 1, ...event });
    if (entries.length > this.maxLen) entries.splice(0, entries.length - this.maxLen);
  }

  /** Up to `count` entries, newest first. */
  newest(count: number): AclLogEntry[] {
    const out: AclLogEntry[] = [];
    for (let i = this.entries.length - 1; i >= 0 && out.length < count; i--) out.push(this.entries[i]);
    return out;
  }

  reset(): void {
    this.entries = [];
  }
}

function sameEvent(a: Omit<AclLogEntry, 'count'>, b: Omit<AclLogEntry, 'count'>): boolean {
  return (
    a.reason === b.reason &&
    a.context === b.context &&
    Math.abs(a.createdMs - b.createdMs) <= GROUPING_MS &&
    a.object === b.object &&
    a.username === b.username
  );
}
