import { MAX_ID, RedisStream, compareIds, nextId } from '@drake/storage';
import type { StreamId, Value } from '@drake/storage';
import type { BlockedRequest } from '../blocking/blocked-request';
import type { Client } from '../client';
import { StreamErr } from './errors';
import { journalGroupRead } from './group-effects';
import { lookupOrCreateConsumer, readNewEntries, replyServed, type GroupReadItem } from './group-read';
import { streamEpoch } from './stream-signals';
import { addDirty } from './stream-lookup';
import { takeEntries } from './stream-reply';

/** XREADGROUP's GROUP and NOACK options. */
export interface ReadGroupOptions {
  readonly name: string;
  readonly consumer: string;
  readonly noack: boolean;
}

/** Without COUNT, a blocked read is served at most this many entries (Redis's XREAD_BLOCKED_DEFAULT_COUNT). */
const BLOCKED_DEFAULT_COUNT = 1000;

/**
 * A client blocked in XREAD / XREADGROUP, served as Redis 7.0's serveClientsBlockedOnStreamKey serves it: once a
 * ready key's stream has a last ID above the awaited one (for a group: the group's last delivered ID, read at that
 * moment), with the entries above it, as a one-key reply. XREADGROUP clients get NOGROUP when their group is
 * gone and UNBLOCKED when the key is deleted or no longer holds a stream. Timeout: a null array.
 */
export class StreamReadRequest implements BlockedRequest {
  readonly keys: string[] = [];
  /** Each key's index in `keys`: a read may block on hundreds of thousands of keys. */
  private readonly keyIndex = new Map<string, number>();
  /** Per key (first occurrence wins, as in Redis's blockForKeys): the ID to read after. */
  private readonly ids: StreamId[] = [];
  /** Per key: the value and ready epoch last looked at (see stream-signals.ts). */
  private readonly seenValue: (Value | undefined)[] = [];
  private readonly seenEpoch: number[] = [];
  private readonly count: number;

  constructor(
    client: Client,
    keys: readonly string[],
    ids: readonly StreamId[],
    readonly deadlineMs: number,
    count: number,
    private readonly group: ReadGroupOptions | null,
  ) {
    for (let i = 0; i < keys.length; i++) {
      if (this.keyIndex.has(keys[i])) continue;
      this.keyIndex.set(keys[i], this.keys.length);
      this.keys.push(keys[i]);
      this.ids.push(ids[i]);
      this.remember(this.keys.length - 1, client.db.get(keys[i]));
    }
    this.count = count === 0 ? BLOCKED_DEFAULT_COUNT : count;
  }

  tryServe(client: Client, key: string): boolean {
    const at = this.keyIndex.get(key);
    if (at === undefined) return false;
    const value = client.db.get(key);
    if (!(value instanceof RedisStream)) {
      if (this.group === null) return false;
      client.reply.error(StreamErr.keyGoneWhileBlocked);
      return true;
    }
    const group = this.group === null ? null : value.group(this.group.name);
    if (group === undefined) {
      client.reply.error(StreamErr.groupGoneWhileBlocked);
      return true;
    }
    if (!this.signalled(at, value)) return false;
    const gt = group === null ? this.ids[at] : group.lastId;
    if (compareIds(value.lastId, gt) <= 0) return false;
    const start = nextId(gt);
    let items: GroupReadItem[];
    if (group === null) {
      items = takeEntries(value.cursor(start, MAX_ID, false), this.count);
    } else {
      const opts = this.group as ReadGroupOptions;
      client.db.getForWrite(key);
      const now = client.server.keyspace.now();
      const consumer = lookupOrCreateConsumer(client, key, group, opts.consumer, now);
      items = readNewEntries(now, value, start, this.count, group, consumer, opts.noack);
      addDirty(client);
      // Served outside any command: journalled from here, as the read it made.
      journalGroupRead(client, key, opts, this.count, '>', now);
    }
    replyServed(client, [key], [items]);
    return true;
  }

  onTimeout(client: Client): void {
    client.reply.nullArray();
  }

  /** Whether Redis would have signalled the key since the last look (another value, or a ready epoch moved). */
  private signalled(at: number, value: RedisStream): boolean {
    const changed = this.seenValue[at] !== value || this.seenEpoch[at] !== streamEpoch(value);
    this.remember(at, value);
    return changed;
  }

  private remember(at: number, value: Value | undefined): void {
    this.seenValue[at] = value;
    this.seenEpoch[at] = value instanceof RedisStream ? streamEpoch(value) : 0;
  }
}
