import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { convertForLongArgs, convertIfBig, hashWritten, writeHashOrCreate } from './hash-lookup';

export const hsetnxCommand = defineCommand({
  name: 'hsetnx',
  arity: 4,
  flags: ['write', 'denyoom', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'hash', 'fast'],
  group: 'hash',
  summary: 'Set the value of a hash field, only if the field does not exist',
  since: '2.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const hash = writeHashOrCreate(client, argv[1]);
    if (hash === null) return;
    if (hash.has(argv[2])) {
      client.reply.integer(0);
      return;
    }
    const wasNew = hash.size === 0;
    convertForLongArgs(client, hash, argv, 2, 3);
    hash.set(argv[2], argv[3]);
    convertIfBig(client, hash);
    hashWritten(client, argv[1], hash, wasNew, 'hset');
    client.reply.integer(1);
  },
});
