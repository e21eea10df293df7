import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { Err } from '../errors';
import { checkStringLength } from './string-length';

export const appendCommand = defineCommand({
  name: 'append',
  arity: 3,
  flags: ['write', 'denyoom', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'string', 'fast'],
  group: 'string',
  summary: 'Append a value to a key',
  since: '2.0.0',
  complexity:
    'O(1). The amortized time complexity is O(1) assuming the appended value is small and the already present value is of any size, since the dynamic string library used by Redis will double the free space available on every reallocation.',
  execute(client: Client, argv: string[]): void {
    const key = argv[1];
    const suffix = argv[2];
    const db = client.db;
    const current = db.get(key);
    if (current === undefined) {
      db.set(key, suffix);
      notifyKeyspaceEvent(client, Notify.string, 'append', key);
      client.reply.integer(suffix.length);
      return;
    }
    if (typeof current !== 'string') {
      client.reply.error(Err.wrongType);
      return;
    }
    if (!checkStringLength(client, current.length, suffix.length)) return;
    // An in-place change in Redis: the TTL stays.
    const next = current + suffix;
    db.setKeepTtl(key, next);
    db.setEncoding(key, 'raw');
    notifyKeyspaceEvent(client, Notify.string, 'append', key);
    client.reply.integer(next.length);
  },
});
