import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { parseInteger } from '../args';
import { Err } from '../errors';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { StringErr } from './errors';
import { checkStringLength } from './string-length';
import { MIN_CACHED_LENGTH, openBitmap, rememberBitmap } from '../bitmaps/bitmap-cache';

/** SETRANGE key offset value: overwrites from `offset`, zero-padding a shorter (or missing) string. */
export const setrangeCommand = defineCommand({
  name: 'setrange',
  arity: 4,
  flags: ['write', 'denyoom'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'string', 'slow'],
  group: 'string',
  summary: 'Overwrite part of a string at key starting at the specified offset',
  since: '2.2.0',
  complexity:
    'O(1), not counting the time taken to copy the new string in place. Usually, this string is very small so the amortized complexity is O(1). Otherwise, complexity is O(M) with M being the length of the value argument.',
  execute(client: Client, argv: string[]): void {
    const key = argv[1];
    const patch = argv[3];
    const offset = parseInteger(argv[2]);
    if (offset === null) {
      client.reply.error(Err.notInteger);
      return;
    }
    if (offset < 0) {
      client.reply.error(StringErr.offsetOutOfRange);
      return;
    }
    const db = client.db;
    const current = db.get(key);
    if (current !== undefined && typeof current !== 'string') {
      client.reply.error(Err.wrongType);
      return;
    }
    // Writing nothing creates nothing and changes nothing: the reply is the current length.
    if (patch.length === 0) {
      client.reply.integer(current === undefined ? 0 : current.length);
      return;
    }
    if (!checkStringLength(client, offset, patch.length)) return;
    const length = Math.max(current?.length ?? 0, offset + patch.length);
    // A large string is edited through its chunk tree, as SETBIT edits it: head + patch + tail would make the
    // next edit (or read) copy the whole string.
    const tree = length < MIN_CACHED_LENGTH ? null : openBitmap(db, key, current);
    tree?.grow(length);
    tree?.setBytes(offset, patch);
    const next = tree === null ? overwrite(current ?? '', offset, patch) : tree.value();
    if (current === undefined) db.set(key, next);
    else db.setKeepTtl(key, next);
    if (tree !== null) rememberBitmap(db, key, next, tree);
    // Redis builds or edits the string in place, so it reports `raw` whatever the content.
    db.setEncoding(key, 'raw');
    notifyKeyspaceEvent(client, Notify.string, 'setrange', key);
    client.reply.integer(next.length);
  },
});

function overwrite(base: string, offset: number, patch: string): string {
  const head = offset <= base.length ? base.slice(0, offset) : base + '\0'.repeat(offset - base.length);
  return head + patch + base.slice(offset + patch.length);
}
