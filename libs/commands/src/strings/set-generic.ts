import type { Client } from '../client';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import {
  OPT_GET,
  OPT_KEEPTTL,
  OPT_NX,
  OPT_XX,
  isRelativeExpire,
  isSecondsExpire,
  resolveExpireAt,
} from './expire-options';
import { replyStringValue } from './lookup';

/** How a SET-like command answers: SET/SETEX/PSETEX with +OK or nil, SETNX with :1 or :0. */
export type SetReplies = 'ok-nil' | 'one-zero';

/**
 * Redis's setGenericCommand, shared by SET, SETNX, SETEX and PSETEX. Checks run in Redis's order: the
 * expire value, then GET's old value (WRONGTYPE stops everything), then NX/XX, then the write.
 */
export function setGeneric(
  client: Client,
  name: string,
  flags: number,
  key: string,
  value: string,
  expire: string | undefined,
  replies: SetReplies,
): void {
  let expireAt = -1;
  if (expire !== undefined) {
    const at = resolveExpireAt(client, name, expire, isSecondsExpire(flags), isRelativeExpire(flags));
    if (at === null) return;
    expireAt = at;
  }
  const withGet = (flags & OPT_GET) !== 0;
  if (withGet && !replyStringValue(client, key)) return;
  const db = client.db;
  if ((flags & (OPT_NX | OPT_XX)) !== 0) {
    const found = db.has(key);
    if ((flags & OPT_NX) !== 0 ? found : !found) {
      if (!withGet) {
        if (replies === 'ok-nil') client.reply.nil();
        else client.reply.integer(0);
      }
      return;
    }
  }
  // A time already past (EXAT/PXAT) is stored as is, as Redis 7.0 does: the key is logically expired at once
  // (reads miss it) and is reaped lazily or by the active cycle, so DBSIZE still counts it until then.
  if (expireAt >= 0) db.setWithExpire(key, value, expireAt);
  else if ((flags & OPT_KEEPTTL) !== 0) db.setKeepTtl(key, value);
  else db.set(key, value);
  // Redis reports the write, then the TTL (even one already past) as a generic event.
  notifyKeyspaceEvent(client, Notify.string, 'set', key);
  if (expireAt >= 0) notifyKeyspaceEvent(client, Notify.generic, 'expire', key);
  if (!withGet) {
    if (replies === 'ok-nil') client.reply.ok();
    else client.reply.integer(1);
  }
}
