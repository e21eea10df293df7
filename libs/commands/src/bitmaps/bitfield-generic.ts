import type { Client } from '../client';
import { Err } from '../errors';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { lookupRead } from '../strings/lookup';
import { cachedBitmap, openBitmap, rememberBitmap } from './bitmap-cache';
import {
  Overflow,
  checkSigned,
  checkUnsigned,
  getSigned,
  getUnsigned,
  setField,
  type ByteSource,
} from './bitfield-int';
import { ChunkedBitmap, MAX_BITMAP_BYTES } from './chunked-bitmap';
import { OpCode, parseFieldOps, type FieldOp, type ParsedOps } from './bitfield-parse';
import { BitErr } from './errors';

/**
 * BITFIELD and BITFIELD_RO: every subcommand is parsed first (any error stops the command before it touches
 * the key), then the ops run in order. GET-only commands read the key; any SET/INCRBY makes BITFIELD look the
 * key up for writing and grow the string to the farthest bit written.
 */
export function bitfieldGeneric(client: Client, argv: string[], readonlyCommand: boolean): void {
  const parsed = parseFieldOps(client, argv);
  if (parsed === null) return;
  const key = argv[1];
  if (parsed.readonly) {
    const value = lookupRead(client, key);
    if (value !== undefined && typeof value !== 'string') {
      client.reply.error(Err.wrongType);
      return;
    }
    // A bitmap being edited is read through its chunk tree rather than flattened.
    const src = value === undefined ? '' : (cachedBitmap(client.db, key, value) ?? value);
    client.reply.array(parsed.ops.length);
    for (const op of parsed.ops) client.reply.integerBig(readField(src, op));
    return;
  }
  if (readonlyCommand) {
    client.reply.error(BitErr.bitfieldReadonly);
    return;
  }
  runWrites(client, key, parsed);
}

function readField(src: string | ByteSource, op: FieldOp): bigint {
  return op.type < 0 ? getSigned(src, op.offset, -op.type) : getUnsigned(src, op.offset, op.type);
}

function runWrites(client: Client, key: string, parsed: ParsedOps): void {
  const db = client.db;
  const current = db.getForWrite(key);
  if (current !== undefined && typeof current !== 'string') {
    client.reply.error(Err.wrongType);
    return;
  }
  const length = Math.floor(parsed.highestBit / 8) + 1;
  if (length > MAX_BITMAP_BYTES) {
    client.reply.error(Err.stringTooLong);
    return;
  }
  const bitmap = openBitmap(db, key, current);
  // Creating or growing the string counts as a change of every op that does not fail, as in Redis.
  const grown = bitmap.length < length;
  bitmap.grow(length);
  let changes = 0;
  client.reply.array(parsed.ops.length);
  for (const op of parsed.ops) {
    if (op.code === OpCode.Get) {
      client.reply.integerBig(readField(bitmap, op));
      continue;
    }
    const result = writeField(bitmap, op);
    if (result === null) {
      client.reply.nil();
      continue;
    }
    client.reply.integerBig(result.reply);
    if (grown || result.changed) changes++;
  }
  // Redis creates or grows the string even when every op then fails (and signals nothing in that case);
  // Drake stores it all the same, and db.set/setKeepTtl signal the change.
  if (changes > 0 || grown) {
    const value = bitmap.value();
    if (current === undefined) db.set(key, value);
    else db.setKeepTtl(key, value);
    rememberBitmap(db, key, value, bitmap);
  }
  db.setEncoding(key, 'raw');
  // Redis reports one `setbit` for the whole command, and only when an op changed something.
  if (changes > 0) notifyKeyspaceEvent(client, Notify.string, 'setbit', key);
}

/** One SET or INCRBY: the reply (old value for SET, new one for INCRBY), or null when OVERFLOW FAIL refused it. */
function writeField(bitmap: ChunkedBitmap, op: FieldOp): { reply: bigint; changed: boolean } | null {
  const signed = op.type < 0;
  const bits = signed ? -op.type : op.type;
  const old = readField(bitmap, op);
  let next: bigint;
  let reply: bigint;
  if (op.code === OpCode.Incrby) {
    const check = signed
      ? checkSigned(old, op.value, bits, op.overflow)
      : checkUnsigned(old, op.value, bits, op.overflow);
    if (check.status !== 0 && op.overflow === Overflow.Fail) return null;
    next = check.status !== 0 ? check.limit : old + op.value;
    reply = next;
  } else {
    const value = signed ? op.value : BigInt.asUintN(64, op.value);
    const check = signed
      ? checkSigned(value, 0n, bits, op.overflow)
      : checkUnsigned(value, 0n, bits, op.overflow);
    if (check.status !== 0 && op.overflow === Overflow.Fail) return null;
    next = check.status !== 0 ? check.limit : value;
    reply = old;
  }
  setField(bitmap, op.offset, bits, next);
  return { reply, changed: old !== next };
}
