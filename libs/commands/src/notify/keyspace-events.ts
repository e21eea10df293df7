import type { Client } from '../client';
import type { PubSubHub } from '../pubsub/hub';

/** Redis's notification classes (notify-keyspace-events letters in brackets). */
export const Notify = {
  /** K: `__keyspace@<db>__:<key>` channels carry the event name. */
  keyspace: 1 << 0,
  /** E: `__keyevent@<db>__:<event>` channels carry the key name. */
  keyevent: 1 << 1,
  /** g: DEL, EXPIRE, RENAME… */
  generic: 1 << 2,
  /** $ */
  string: 1 << 3,
  /** l */
  list: 1 << 4,
  /** s */
  set: 1 << 5,
  /** h */
  hash: 1 << 6,
  /** z */
  zset: 1 << 7,
  /** x: a key expired. */
  expired: 1 << 8,
  /** e: a key was evicted (Drake does not evict). */
  evicted: 1 << 9,
  /** t */
  stream: 1 << 10,
  /** m: a read found no key. */
  keyMiss: 1 << 11,
  /** d: module events (Drake has no modules). */
  module: 1 << 12,
  /** n: a key was added (not part of A). */
  new: 1 << 13,
} as const;

/** What A stands for: every class but key-miss and new. */
const ALL =
  Notify.generic |
  Notify.string |
  Notify.list |
  Notify.set |
  Notify.hash |
  Notify.zset |
  Notify.expired |
  Notify.evicted |
  Notify.stream |
  Notify.module;

const LETTERS: Readonly<Record<string, number>> = {
  A: ALL,
  g: Notify.generic,
  $: Notify.string,
  l: Notify.list,
  s: Notify.set,
  h: Notify.hash,
  z: Notify.zset,
  x: Notify.expired,
  e: Notify.evicted,
  K: Notify.keyspace,
  E: Notify.keyevent,
  t: Notify.stream,
  m: Notify.keyMiss,
  d: Notify.module,
  n: Notify.new,
};

/**
 * The flags a notify-keyspace-events value selects (CONFIG SET has validated it). Without K or E nothing is
 * published, whatever the classes: 0 then, so every notification costs one test.
 */
export function keyspaceEventFlags(classes: string): number {
  let flags = 0;
  for (const c of classes) flags |= LETTERS[c] ?? 0;
  return (flags & (Notify.keyspace | Notify.keyevent)) === 0 ? 0 : flags;
}

/**
 * Redis's notifyKeyspaceEvent: when the class is on, publishes `event` on the key's keyspace channel, then `key`
 * on the event's keyevent channel (each only when K or E is on), to channel and pattern subscribers alike.
 */
export function publishKeyspaceEvent(
  hub: PubSubHub,
  type: number,
  event: string,
  key: string,
  dbIndex: number,
): void {
  const flags = hub.keyspaceEvents;
  if ((flags & type) === 0) return;
  if ((flags & Notify.keyspace) !== 0) hub.publish(`__keyspace@${dbIndex}__:${key}`, event);
  if ((flags & Notify.keyevent) !== 0) hub.publish(`__keyevent@${dbIndex}__:${event}`, key);
}

/** A command's keyspace event on `key` in the client's database (or `dbIndex`). */
export function notifyKeyspaceEvent(
  client: Client,
  type: number,
  event: string,
  key: string,
  dbIndex: number = client.dbIndex,
): void {
  const hub = client.server.pubsub;
  if ((hub.keyspaceEvents & type) !== 0) publishKeyspaceEvent(hub, type, event, key, dbIndex);
}
