import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { parseStringOptions } from './expire-options';
import { setGeneric } from './set-generic';

export const setCommand = defineCommand({
  name: 'set',
  arity: -3,
  flags: ['write', 'denyoom'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'string', 'slow'],
  group: 'string',
  summary: 'Set the string value of a key',
  since: '1.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    if (argv.length === 3) {
      // The common case: no options, nothing to parse.
      client.db.set(argv[1], argv[2]);
      notifyKeyspaceEvent(client, Notify.string, 'set', argv[1]);
      client.reply.ok();
      return;
    }
    const options = parseStringOptions(client, argv, 3, 'set');
    if (options === null) return;
    setGeneric(client, 'set', options.flags, argv[1], argv[2], options.expire, 'ok-nil');
  },
});
