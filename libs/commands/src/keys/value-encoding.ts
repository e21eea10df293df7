import type { Database, RedisObject, Value } from '@drake/storage';
import { parseInteger } from '../args';

/** Container types report the encoding Redis would use for their current contents. */
interface Encoded extends RedisObject {
  readonly encoding: string;
}

/** Strings of at most this many bytes are embstr in Redis (one allocation with the object header). */
const EMBSTR_MAX = 44;

/**
 * OBJECT ENCODING of a string as Redis's SET leaves it: 'int' for a canonical int64 of at most 20 chars,
 * 'embstr' up to 44 bytes, 'raw' beyond. (Strings edited by APPEND or SETRANGE are flagged in storage and
 * reported as 'raw' by OBJECT ENCODING.)
 */
export function stringEncoding(s: string): 'int' | 'embstr' | 'raw' {
  if (s.length <= 20 && parseInteger(s) !== null) return 'int';
  return s.length <= EMBSTR_MAX ? 'embstr' : 'raw';
}

export function valueEncoding(value: Value): string {
  if (typeof value === 'string') return stringEncoding(value);
  const encoding = (value as Partial<Encoded>).encoding;
  if (typeof encoding !== 'string')
    throw new Error(`OBJECT ENCODING: ${value.type} values provide no encoding`);
  return encoding;
}

/** OBJECT ENCODING of the key's value: a string edited in place (APPEND, SETRANGE) is recorded as 'raw'. */
export function keyEncoding(db: Database, key: string, value: Value): string {
  const recorded = typeof value === 'string' ? db.encodingOf(key) : undefined;
  return recorded ?? valueEncoding(value);
}

/** Redis's OBJ_SHARED_INTEGERS: SET stores 0..9999 as one shared object each. */
export function isSharedInteger(value: Value): boolean {
  if (typeof value !== 'string' || value.length > 4) return false;
  const n = parseInteger(value);
  return n !== null && n >= 0 && n < 10000;
}
