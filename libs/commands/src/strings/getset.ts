import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { replyStringValue } from './lookup';

export const getsetCommand = defineCommand({
  name: 'getset',
  arity: 3,
  flags: ['write', 'denyoom', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'string', 'fast'],
  group: 'string',
  summary: 'Set the string value of a key and return its old value',
  since: '1.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    // Redis replies the old value first; WRONGTYPE leaves the key alone. The new value drops any TTL.
    if (!replyStringValue(client, argv[1])) return;
    client.db.set(argv[1], argv[2]);
    notifyKeyspaceEvent(client, Notify.string, 'set', argv[1]);
  },
});
