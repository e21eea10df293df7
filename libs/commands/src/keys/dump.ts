import { createDumpPayload } from '@drake/rdb';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { dumpOptions } from './dump-settings';
import { lookupRead } from './lookup';

export const dumpCommand = defineCommand({
  name: 'dump',
  arity: 2,
  flags: ['readonly'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['keyspace', 'read', 'slow'],
  group: 'generic',
  summary: 'Return a serialized version of the value stored at the specified key.',
  since: '2.6.0',
  complexity:
    'O(1) to access the key and additional O(N*M) to serialize it, where N is the number of Redis objects composing the value and M their average size. For small string values the time complexity is thus O(1)+O(1*M) where M is small, so simply O(1).',
  execute(client: Client, argv: string[]): void {
    const value = lookupRead(client, argv[1]);
    if (value === undefined) {
      client.reply.nil();
      return;
    }
    client.reply.bulkBuffer(createDumpPayload(value, dumpOptions(client)));
  },
});
