import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { arityError } from '../errors';
import { convertForLongArgs, convertIfBig, hashWritten, writeHashOrCreate } from './hash-lookup';

export const hmsetCommand = defineCommand({
  name: 'hmset',
  arity: -4,
  flags: ['write', 'denyoom', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'hash', 'fast'],
  group: 'hash',
  summary: 'Set multiple hash fields to multiple values',
  since: '2.0.0',
  complexity: 'O(N) where N is the number of fields being set.',
  execute(client: Client, argv: string[]): void {
    // An odd number of arguments is an arity error, checked before the key.
    if (argv.length % 2 === 1) {
      client.reply.error(arityError('hmset'));
      return;
    }
    const hash = writeHashOrCreate(client, argv[1]);
    if (hash === null) return;
    const wasNew = hash.size === 0;
    convertForLongArgs(client, hash, argv, 2, argv.length - 1);
    for (let i = 2; i < argv.length; i += 2) hash.set(argv[i], argv[i + 1]);
    convertIfBig(client, hash);
    // HMSET reports itself as HSET, as Redis (one implementation).
    hashWritten(client, argv[1], hash, wasNew, 'hset');
    client.reply.ok();
  },
});
