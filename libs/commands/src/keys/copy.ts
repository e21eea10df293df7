import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Err } from '../errors';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { copyValue } from './copy-value';
import { parseDbIndex } from './db-index';
import { KeysErr } from './errors';
import { lookupRead } from './lookup';

interface CopyOptions {
  targetIndex: number;
  replace: boolean;
}

/** Parses `[DB n] [REPLACE]` (any order, repeatable); replies the error and returns null on failure. */
function parseCopyOptions(client: Client, argv: readonly string[]): CopyOptions | null {
  const options: CopyOptions = { targetIndex: client.dbIndex, replace: false };
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j].toLowerCase();
    if (opt === 'replace') {
      options.replace = true;
    } else if (opt === 'db' && j + 1 < argv.length) {
      const index = parseDbIndex(argv[++j], client.server.keyspace.dbCount);
      if (typeof index === 'string') {
        client.reply.error(index);
        return null;
      }
      options.targetIndex = index;
    } else {
      client.reply.error(Err.syntax);
      return null;
    }
  }
  return options;
}

export const copyCommand = defineCommand({
  name: 'copy',
  arity: -3,
  flags: ['write', 'denyoom'],
  firstKey: 1,
  lastKey: 2,
  keyStep: 1,
  categories: ['keyspace', 'write', 'slow'],
  group: 'generic',
  summary: 'Copy a key',
  since: '6.2.0',
  complexity:
    'O(N) worst case for collections, where N is the number of nested items. O(1) for string values.',
  execute(client: Client, argv: string[]): void {
    const reply = client.reply;
    const options = parseCopyOptions(client, argv);
    if (options === null) return;
    const source = argv[1];
    const target = argv[2];
    if (options.targetIndex === client.dbIndex && source === target) {
      reply.error(KeysErr.sameObject);
      return;
    }
    const db = client.db;
    const dest = client.server.keyspace.db(options.targetIndex);
    const value = lookupRead(client, source);
    if (value === undefined) {
      reply.integer(0);
      return;
    }
    // Looked up even with REPLACE: an expired target goes first (its `expired` event), as in Redis.
    const replaced = dest.has(target);
    if (replaced && !options.replace) {
      reply.integer(0);
      return;
    }
    const expire = db.getExpire(source);
    const copy = copyValue(value);
    if (expire === -1) dest.set(target, copy);
    else dest.setWithExpire(target, copy, expire);
    // Redis's dupStringObject keeps the encoding.
    const encoding = db.encodingOf(source);
    if (encoding !== undefined) dest.setEncoding(target, encoding);
    // Redis deletes a replaced target and adds the copy anew; the overwrite here is one change, so say `new` here.
    if (replaced) notifyKeyspaceEvent(client, Notify.new, 'new', target, options.targetIndex);
    notifyKeyspaceEvent(client, Notify.generic, 'copy_to', target, options.targetIndex);
    reply.integer(1);
  },
});
