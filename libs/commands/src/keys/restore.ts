import { DumpPayloadError, parseDumpPayload } from '@drake/rdb';
import type { Value } from '@drake/storage';
import type { Client } from '../client';
import { parseI64, parseInteger } from '../args';
import { defineCommand } from '../command-spec';
import { Err } from '../errors';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { restoreLimits } from './dump-settings';
import { KeysErr } from './errors';
import { parseRestoreOptions } from './restore-options';

/** Below this many ms `ttl + now` is an exact double; above, the sum is done in 64 bits and may wrap. */
const FAST_LIMIT = 1e15;

/**
 * The absolute expire time RESTORE will use (0 = none). A relative TTL is added to now in int64 arithmetic
 * that wraps like Redis's C does, so a huge TTL lands in the past and the key is not created.
 */
function expireAt(text: string, ttl: number, absttl: boolean, now: number): number {
  if (ttl === 0 || absttl) return ttl;
  if (ttl < FAST_LIMIT) return ttl + now;
  return Number(BigInt.asIntN(64, (parseI64(text) as bigint) + BigInt(now)));
}

/** The payload's value, or undefined after replying Redis's error for a bad payload. */
function decodePayload(client: Client, payload: string): Value | undefined {
  try {
    return parseDumpPayload(Buffer.from(payload, 'latin1'), restoreLimits(client));
  } catch (err) {
    if (!(err instanceof DumpPayloadError)) throw err;
    client.reply.error(err.reply);
    return undefined;
  }
}

export const restoreCommand = defineCommand({
  name: 'restore',
  arity: -4,
  flags: ['write', 'denyoom'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['keyspace', 'write', 'slow', 'dangerous'],
  group: 'generic',
  summary: 'Create a key using the provided serialized value, previously obtained using DUMP.',
  since: '2.6.0',
  complexity:
    'O(1) to create the new key and additional O(N*M) to reconstruct the serialized value, where N is the number of Redis objects composing the value and M their average size. For small string values the time complexity is thus O(1)+O(1*M) where M is small, so simply O(1). However for sorted set values the complexity is O(N*M*log(N)) because inserting values into sorted sets is O(log(N)).',
  execute(client: Client, argv: string[]): void {
    const reply = client.reply;
    const options = parseRestoreOptions(argv);
    if (typeof options === 'string') {
      reply.error(options);
      return;
    }
    const db = client.db;
    const key = argv[1];
    if (!options.replace && db.has(key)) {
      reply.error(KeysErr.busyKey);
      return;
    }
    const ttl = parseInteger(argv[2]);
    if (ttl === null) {
      reply.error(Err.notInteger);
      return;
    }
    if (ttl < 0) {
      reply.error(KeysErr.invalidTtl);
      return;
    }
    const value = decodePayload(client, argv[3]);
    if (value === undefined) return;
    const keyspace = client.server.keyspace;
    const now = keyspace.now();
    const at = expireAt(argv[2], ttl, options.absttl, now);
    // Redis's dbDelete takes a REPLACE'd key without a lookup, past its TTL or not (no `expired` event).
    const replaced = options.replace && db.holds(key);
    if (replaced && db.isExpiredNow(key)) db.deleteStored(key);
    // A live REPLACE'd key is overwritten: one change (and one signal), as Redis's delete-then-add is one.
    const overwritten = replaced && db.holds(key);
    if (at === 0) db.set(key, value);
    else if (at > now || keyspace.expiryMode === 'replica') db.setWithExpire(key, value, at);
    else {
      // Already expired: the key is not created; a replaced one is deleted and reported.
      if (replaced) {
        db.deleteStored(key);
        notifyKeyspaceEvent(client, Notify.generic, 'del', key);
      }
      reply.ok();
      return;
    }
    client.server.eviction.restoreAccess(db, key, options.idleTime, options.freq);
    // Redis's delete-then-add says `new` for the overwritten key too; the overwrite here does not, so say it here.
    if (overwritten) notifyKeyspaceEvent(client, Notify.new, 'new', key);
    notifyKeyspaceEvent(client, Notify.generic, 'restore', key);
    reply.ok();
  },
});
