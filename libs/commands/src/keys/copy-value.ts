import type { RedisObject, Value } from '@drake/storage';

/** A value type that can give COPY an independent duplicate. */
interface Cloneable extends RedisObject {
  clone(): RedisObject;
}

/**
 * An independent copy of a value for COPY. Strings are immutable JS strings and are shared as they are;
 * container types must provide clone() (today the keyspace holds only strings).
 */
export function copyValue(value: Value): Value {
  if (typeof value === 'string') return value;
  const clone = (value as Partial<Cloneable>).clone;
  if (typeof clone !== 'function') throw new Error(`COPY: ${value.type} values provide no clone()`);
  return clone.call(value);
}
