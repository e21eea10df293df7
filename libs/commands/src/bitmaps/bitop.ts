import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { Err } from '../errors';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { lookupRead } from '../strings/lookup';
import { isWord } from './bit-args';
import { BitErr } from './errors';

const enum Op {
  And,
  Or,
  Xor,
  Not,
}

/**
 * BITOP AND|OR|XOR|NOT destkey key [key ...]: combines the strings byte by byte (missing keys and the part of a
 * shorter string past its end read as zeros) and stores the result, as long as the longest input; an empty
 * result deletes destkey. Replies the result's length.
 */
export const bitopCommand = defineCommand({
  name: 'bitop',
  arity: -4,
  flags: ['write', 'denyoom'],
  firstKey: 2,
  lastKey: -1,
  keyStep: 1,
  categories: ['write', 'bitmap', 'slow'],
  group: 'bitmap',
  summary: 'Perform bitwise operations between strings',
  since: '2.6.0',
  complexity: 'O(N)',
  execute(client: Client, argv: string[]): void {
    const op = parseOp(argv[1]);
    if (op === null) {
      client.reply.error(Err.syntax);
      return;
    }
    if (op === Op.Not && argv.length !== 4) {
      client.reply.error(BitErr.bitopNot);
      return;
    }
    const sources: string[] = [];
    let maxLength = 0;
    for (let i = 3; i < argv.length; i++) {
      const value = lookupRead(client, argv[i]);
      if (value !== undefined && typeof value !== 'string') {
        client.reply.error(Err.wrongType);
        return;
      }
      const s = value ?? '';
      sources.push(s);
      if (s.length > maxLength) maxLength = s.length;
    }
    const db = client.db;
    const dest = argv[2];
    if (maxLength === 0) {
      deleteDestination(client, dest);
    } else {
      db.set(dest, combine(op, sources, maxLength));
      db.setEncoding(dest, 'raw');
      notifyKeyspaceEvent(client, Notify.string, 'set', dest);
    }
    client.reply.integer(maxLength);
  },
});

/**
 * An empty result deletes destkey, reported as `del` when there was one. Redis deletes it without a lookup, so a
 * logically expired destkey (not reaped yet) is deleted as `del` too, not `expired`.
 */
function deleteDestination(client: Client, dest: string): void {
  if (client.db.deleteStored(dest)) notifyKeyspaceEvent(client, Notify.generic, 'del', dest);
}

function parseOp(name: string): Op | null {
  if (isWord(name, 'and')) return Op.And;
  if (isWord(name, 'or')) return Op.Or;
  if (isWord(name, 'xor')) return Op.Xor;
  if (isWord(name, 'not')) return Op.Not;
  return null;
}

/** The result string: the first source (zero-padded) folded with the others, one pass per source. */
function combine(op: Op, sources: readonly string[], length: number): string {
  const out = Buffer.alloc(length);
  out.write(sources[0], 0, 'latin1');
  if (op === Op.Not) {
    for (let i = 0; i < length; i++) out[i] = ~out[i];
    return out.toString('latin1');
  }
  for (let k = 1; k < sources.length; k++) {
    const src = sources[k];
    const n = src.length;
    if (op === Op.And) {
      for (let i = 0; i < n; i++) out[i] &= src.charCodeAt(i);
      out.fill(0, n);
    } else if (op === Op.Or) {
      for (let i = 0; i < n; i++) out[i] |= src.charCodeAt(i);
    } else {
      for (let i = 0; i < n; i++) out[i] ^= src.charCodeAt(i);
    }
  }
  return out.toString('latin1');
}
