import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { Err } from '../errors';
import {
  OPT_EXAT,
  OPT_PERSIST,
  OPT_PXAT,
  isRelativeExpire,
  isSecondsExpire,
  parseStringOptions,
  resolveExpireAt,
  type StringOptions,
} from './expire-options';
import { lookupRead } from './lookup';

/**
 * GETEX key [EX s | PX ms | EXAT t | PXAT t | PERSIST]. Redis's order: option syntax, then the key (a missing
 * key answers nil even when the expire value is bad), then its type, then the expire value.
 */
export const getexCommand = defineCommand({
  name: 'getex',
  arity: -2,
  flags: ['write', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'string', 'fast'],
  group: 'string',
  summary: 'Get the value of a key and optionally set its expiration',
  since: '6.2.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    let options: StringOptions | null = null;
    if (argv.length > 2) {
      options = parseStringOptions(client, argv, 2, 'getex');
      if (options === null) return;
    }
    const key = argv[1];
    const value = lookupRead(client, key);
    if (value === undefined) {
      client.reply.nil();
      return;
    }
    if (typeof value !== 'string') {
      client.reply.error(Err.wrongType);
      return;
    }
    if (options === null) {
      client.reply.bulk(value);
      return;
    }
    const flags = options.flags;
    let expireAt = -1;
    if (options.expire !== undefined) {
      const at = resolveExpireAt(
        client,
        'getex',
        options.expire,
        isSecondsExpire(flags),
        isRelativeExpire(flags),
      );
      if (at === null) return;
      expireAt = at;
    }
    client.reply.bulk(value);
    applyExpire(client, key, flags, expireAt);
  },
});

/** After the reply: a past EXAT/PXAT deletes the key (on a master), another expire sets it, PERSIST drops it. */
function applyExpire(client: Client, key: string, flags: number, expireAt: number): void {
  const keyspace = client.server.keyspace;
  if (
    (flags & (OPT_EXAT | OPT_PXAT)) !== 0 &&
    expireAt <= keyspace.now() &&
    keyspace.expiryMode === 'master'
  ) {
    client.db.delete(key);
    notifyKeyspaceEvent(client, Notify.generic, 'del', key);
  } else if (expireAt >= 0) {
    client.db.setExpire(key, expireAt);
    notifyKeyspaceEvent(client, Notify.generic, 'expire', key);
  } else if ((flags & OPT_PERSIST) !== 0) {
    // Only a TTL actually removed is reported.
    if (client.db.persist(key)) notifyKeyspaceEvent(client, Notify.generic, 'persist', key);
  }
}
