/**
 * Serializes a Drake value in Redis's RDB value format: the type byte Redis 7.0 (version 10) or 6.2 (version 9)
 * would save the same value with, following its current encoding (OBJECT ENCODING), and the body.
 */
import { RedisHash, RedisList, RedisSet, RedisStream, RedisZset, type Value } from '@drake/storage';
import type { ByteWriter } from '../byte-writer';
import { writeRdbString } from '../rdb-encoding';
import { hashType, writeHash } from './hash-writer';
import { writeList } from './list-writer';
import {
  RDB_TYPE_LIST_QUICKLIST,
  RDB_TYPE_LIST_QUICKLIST_2,
  RDB_TYPE_STREAM_LISTPACKS,
  RDB_TYPE_STREAM_LISTPACKS_2,
  RDB_TYPE_STRING,
} from './rdb-types';
import { setType, writeSet } from './set-writer';
import { writeStream } from './stream-writer';
import type { ValueWriteOptions } from './write-options';
import { writeZset, zsetType } from './zset-writer';

/** A value of a type this module cannot serialize (a module type, or a foreign RedisObject). */
export class UnsupportedValueError extends Error {
  constructor(readonly typeName: string) {
    super(`values of type ${typeName} cannot be serialized to RDB`);
    this.name = 'UnsupportedValueError';
  }
}

/** The RDB type byte `value` is saved with. */
export function rdbTypeOf(value: Value, opts: ValueWriteOptions): number {
  if (typeof value === 'string') return RDB_TYPE_STRING;
  if (value instanceof RedisList)
    return opts.version >= 10 ? RDB_TYPE_LIST_QUICKLIST_2 : RDB_TYPE_LIST_QUICKLIST;
  if (value instanceof RedisSet) return setType(value);
  if (value instanceof RedisZset) return zsetType(value, opts);
  if (value instanceof RedisHash) return hashType(value, opts);
  if (value instanceof RedisStream)
    return opts.version >= 10 ? RDB_TYPE_STREAM_LISTPACKS_2 : RDB_TYPE_STREAM_LISTPACKS;
  throw new UnsupportedValueError(value.type);
}

/** Writes the value's body (what follows the type byte, and the key in a file). */
export function writeValueBody(w: ByteWriter, value: Value, opts: ValueWriteOptions): void {
  if (typeof value === 'string') return writeRdbString(w, value, opts.compress);
  if (value instanceof RedisList) return writeList(w, value, opts);
  if (value instanceof RedisSet) return writeSet(w, value, opts);
  if (value instanceof RedisZset) return writeZset(w, value, opts);
  if (value instanceof RedisHash) return writeHash(w, value, opts);
  if (value instanceof RedisStream) return writeStream(w, value, opts);
  throw new UnsupportedValueError(value.type);
}

/** Type byte then body; returns the type byte. */
export function writeValue(w: ByteWriter, value: Value, opts: ValueWriteOptions): number {
  const type = rdbTypeOf(value, opts);
  w.writeByte(type);
  writeValueBody(w, value, opts);
  return type;
}
