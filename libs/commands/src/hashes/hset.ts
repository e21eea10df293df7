import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { arityError } from '../errors';
import { convertForLongArgs, convertIfBig, hashWritten, writeHashOrCreate } from './hash-lookup';

export const hsetCommand = defineCommand({
  name: 'hset',
  arity: -4,
  flags: ['write', 'denyoom', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'hash', 'fast'],
  group: 'hash',
  summary: 'Set the string value of a hash field',
  since: '2.0.0',
  complexity:
    'O(1) for each field/value pair added, so O(N) to add N field/value pairs when the command is called with multiple field/value pairs.',
  execute(client: Client, argv: string[]): void {
    // An odd number of arguments is an arity error, checked before the key.
    if (argv.length % 2 === 1) {
      client.reply.error(arityError('hset'));
      return;
    }
    const hash = writeHashOrCreate(client, argv[1]);
    if (hash === null) return;
    const wasNew = hash.size === 0;
    convertForLongArgs(client, hash, argv, 2, argv.length - 1);
    let created = 0;
    for (let i = 2; i < argv.length; i += 2) if (hash.set(argv[i], argv[i + 1])) created++;
    convertIfBig(client, hash);
    // Signalled even when every value was already there, as Redis does.
    hashWritten(client, argv[1], hash, wasNew, 'hset');
    client.reply.integer(created);
  },
});
