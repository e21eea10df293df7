import type { RedisHash } from '@drake/storage';
import type { Client } from '../client';
import { distinctIndices, randomIndex } from './random-pick';

/** One pick: a field, or in RESP3 with values a [field, value] pair (RESP2 flattens the pairs). */
function replyPick(client: Client, hash: RedisHash, slot: number, withValues: boolean): void {
  const reply = client.reply;
  if (withValues && reply.protocol === 3) reply.array(2);
  reply.bulk(hash.fields()[slot]);
  if (withValues) reply.bulk(hash.values()[slot]);
}

function replyHeader(client: Client, picks: number, withValues: boolean): void {
  client.reply.array(withValues && client.reply.protocol === 2 ? picks * 2 : picks);
}

/**
 * HRANDFIELD with a nonzero count, Redis's cases: a negative count (or 1) picks with repetition; a count at
 * least the size returns the whole hash in its order; otherwise distinct random fields.
 */
export function replyRandomFields(client: Client, hash: RedisHash, count: number, withValues: boolean): void {
  const size = hash.size;
  if (count < 0 || count === 1) {
    const picks = Math.abs(count);
    replyHeader(client, picks, withValues);
    // Sized by the count alone: stop once the reply is past the client's limit (see ReplyWriter.overflowed).
    for (let i = 0; i < picks && !client.reply.overflowed; i++)
      replyPick(client, hash, randomIndex(size), withValues);
    return;
  }
  if (count >= size) {
    replyHeader(client, size, withValues);
    for (let slot = 0; slot < size; slot++) replyPick(client, hash, slot, withValues);
    return;
  }
  replyHeader(client, count, withValues);
  for (const slot of distinctIndices(size, count)) replyPick(client, hash, slot, withValues);
}
