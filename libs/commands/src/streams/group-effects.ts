import { clockedCommand } from '@drake/journal';
import { createDumpPayload } from '@drake/rdb';
import { formatId, RedisStream } from '@drake/storage';
import type { StreamConsumer, StreamGroup, StreamId, StreamNack } from '@drake/storage';
import type { Client } from '../client';
import { journals, propagateEffect } from '../propagation/propagate';
import type { ReadGroupOptions } from './read-request';

/**
 * What consumer-group commands journal (DESIGN §4), a few records per call whatever the stream's size, in the
 * commands Redis 7.0 propagates: XCLAIM … TIME ms RETRYCOUNT n FORCE JUSTID LASTID id per claimed entry (Redis's
 * streamPropagateXCLAIM), XGROUP SETID … ENTRIESREAD n for a last ID that moved on its own. Beyond Redis:
 * - XREADGROUP goes out as itself, one key per record (without BLOCK, with the COUNT it was served): on the
 *   same group state a replica delivers the same entries, and unlike Redis's XCLAIMs it also carries the read
 *   counter, history re-deliveries and a consumer it created or only saw.
 * - Entries the stream lost leave the PEL by one XACK, where Redis sends an XCLAIM each.
 * - Records that read the clock are clocked (DRAKE.CLOCKED): a Drake replica runs them at the master's time, so
 *   delivery and seen times match to the millisecond; Redis replicas get them bare and use their own clock, as
 *   with Redis's own propagation.
 * The commands journal these themselves, on the key's shard; effects.ts journals nothing more for them.
 */

/** Above this a delivery count cannot go out as RETRYCOUNT (read as a signed 64-bit number). */
const MAX_RETRYCOUNT = 9223372036854775807n;

/** XREADGROUP served on `key` at `now`: the same read, for that key alone. */
export function journalGroupRead(
  client: Client,
  key: string,
  group: ReadGroupOptions,
  count: number,
  id: string,
  now: number,
): void {
  if (!journals(client)) return;
  const argv = ['XREADGROUP', 'GROUP', group.name, group.consumer];
  if (count > 0) argv.push('COUNT', String(count));
  if (group.noack) argv.push('NOACK');
  argv.push('STREAMS', key, id);
  propagateEffect(client, clockedCommand(now, argv), key);
}

/** XGROUP CREATECONSUMER that created the consumer at `now`. */
export function journalConsumerCreated(client: Client, argv: readonly string[], now: number): void {
  if (journals(client)) propagateEffect(client, clockedCommand(now, argv), argv[2]);
}

/** What one XCLAIM or XAUTOCLAIM changed in a group. */
export interface ClaimChanges {
  readonly key: string;
  readonly group: StreamGroup;
  /** The claimed entries' PEL records, as they are now. */
  readonly claimed: readonly StreamNack[];
  /** Pending IDs dropped because the stream no longer holds them. */
  readonly dropped: readonly StreamId[];
  /** XCLAIM LASTID moved the group's last ID. */
  readonly lastIdMoved: boolean;
  readonly now: number;
}

/** XCLAIM / XAUTOCLAIM: the group's new last ID, the dropped IDs, then each claimed entry as Redis's XCLAIM. */
export function journalClaims(client: Client, changes: ClaimChanges): void {
  if (!journals(client)) return;
  const { key, group, claimed, dropped } = changes;
  if (claimed.some((nack) => typeof nack.deliveryCount === 'bigint' && nack.deliveryCount > MAX_RETRYCOUNT)) {
    journalWholeStream(client, key);
    return;
  }
  const lastId = formatId(group.lastId);
  if (changes.lastIdMoved) {
    const setId = ['XGROUP', 'SETID', key, group.name, lastId, 'ENTRIESREAD', String(group.entriesRead)];
    propagateEffect(client, setId, key);
  }
  if (dropped.length > 0) propagateEffect(client, ['XACK', key, group.name, ...dropped.map(formatId)], key);
  for (const nack of claimed) {
    const argv = [
      'XCLAIM',
      key,
      group.name,
      (nack.consumer as StreamConsumer).name,
      '0',
      formatId(nack),
      'TIME',
      String(nack.deliveryTime),
      'RETRYCOUNT',
      String(nack.deliveryCount),
      'FORCE',
      'JUSTID',
      'LASTID',
      lastId,
    ];
    propagateEffect(client, clockedCommand(changes.now, argv), key);
  }
}

/**
 * The whole stream as RESTORE: only for a claim whose delivery count no XCLAIM can carry (above 2^63 - 1, reached
 * by RETRYCOUNT 2^63 - 1 and a claim). Exact, but it costs the stream's size.
 */
function journalWholeStream(client: Client, key: string): void {
  const value = client.db.storedValue(key);
  if (!(value instanceof RedisStream)) return;
  const at = client.db.getExpire(key);
  const payload = createDumpPayload(value).toString('latin1');
  propagateEffect(client, ['RESTORE', key, at === -1 ? '0' : String(at), payload, 'REPLACE', 'ABSTTL'], key);
}
