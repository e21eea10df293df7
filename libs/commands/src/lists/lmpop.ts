import { parseInteger } from '../args';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Err } from '../errors';
import { ListErr } from './errors';
import { deleteIfEmpty, isListOrReply, parseEnd } from './list-lookup';
import { popRangeReply } from './pop-generic';

export const lmpopCommand = defineCommand({
  name: 'lmpop',
  arity: -4,
  flags: ['write'],
  categories: ['write', 'list', 'slow'],
  group: 'list',
  summary: 'Pop elements from a list',
  since: '7.0.0',
  complexity: 'O(N+M) where N is the number of provided keys and M is the number of elements returned.',
  /** LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]: pops from the first non-empty list. */
  execute(client: Client, argv: string[]): void {
    const numkeys = parseInteger(argv[1]);
    if (numkeys === null || numkeys < 1) {
      client.reply.error(ListErr.numkeysNotPositive);
      return;
    }
    const whereIndex = numkeys + 2;
    const atHead = whereIndex < argv.length ? parseEnd(argv[whereIndex]) : null;
    if (atHead === null) {
      client.reply.error(Err.syntax);
      return;
    }
    let count = -1;
    for (let j = whereIndex + 1; j < argv.length; j++) {
      if (count === -1 && argv[j].toLowerCase() === 'count' && j + 1 < argv.length) {
        const n = parseInteger(argv[++j]);
        if (n === null || n < 1) {
          client.reply.error(ListErr.mpopCountNotPositive);
          return;
        }
        count = n;
      } else {
        client.reply.error(Err.syntax);
        return;
      }
    }
    if (count === -1) count = 1;
    for (let i = 2; i < whereIndex; i++) {
      const key = argv[i];
      const value = client.db.get(key);
      if (value === undefined) continue;
      if (!isListOrReply(client, value)) return;
      client.reply.array(2);
      client.reply.bulk(key);
      popRangeReply(client, value, atHead, count);
      deleteIfEmpty(client, key, value);
      return;
    }
    client.reply.nullArray();
  },
});
