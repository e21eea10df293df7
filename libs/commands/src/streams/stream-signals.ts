import type { RedisStream } from '@drake/storage';
import type { Client } from '../client';

/**
 * Redis wakes clients blocked on a stream key only on "ready" signals (signalKeyAsReady: XADD, a stream key being
 * created, replaced or deleted, XGROUP DESTROY), while Drake's blocked clients hear every change of the key
 * (XDEL, XTRIM, EXPIRE…). A blocked XREAD/XREADGROUP therefore serves only when the key now holds another value
 * or the stream's ready epoch moved since it last looked: XADD and XGROUP DESTROY move it.
 */
const epochs = new WeakMap<RedisStream, number>();

export function streamEpoch(stream: RedisStream): number {
  return epochs.get(stream) ?? 0;
}

/** Records a ready signal for a stream (the caller also reports the key change, which wakes the waiters). */
export function markStreamReady(stream: RedisStream): void {
  epochs.set(stream, streamEpoch(stream) + 1);
}

/** signalKeyAsReady without a change of the value (XGROUP DESTROY): wakes the clients blocked on the key. */
export function signalReady(client: Client, key: string, stream: RedisStream): void {
  markStreamReady(stream);
  client.server.blocking.keyModified(client.dbIndex, key);
}
