import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { replyStringValue } from './lookup';

export const getdelCommand = defineCommand({
  name: 'getdel',
  arity: 2,
  flags: ['write', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'string', 'fast'],
  group: 'string',
  summary: 'Get the value of a key and delete the key',
  since: '6.2.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    if (!replyStringValue(client, argv[1])) return;
    if (!client.db.delete(argv[1])) return;
    notifyKeyspaceEvent(client, Notify.generic, 'del', argv[1]);
    // Its effect, as Redis propagates it: DEL (UNLINK with lazyfree-lazy-user-del).
    const lazy = client.server.config.lookup('lazyfree-lazy-user-del')?.get() === 'yes';
    if (client.server.journal !== null) client.propagateAs = [[lazy ? 'UNLINK' : 'DEL', argv[1]]];
  },
});
