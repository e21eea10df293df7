/** A value held in the keyspace: strings as latin1 JS strings, every other type as an object that names its type. */
export type Value = string | RedisObject;

export type TypeName = 'string' | 'list' | 'set' | 'zset' | 'hash' | 'stream';

export interface RedisObject {
  readonly type: Exclude<TypeName, 'string'>;
  /** What the dataset meter last counted for this value while it was stored (see DatasetMeter). */
  meteredBytes: number;
}

/** The name TYPE reports. */
export function typeName(value: Value): TypeName {
  return typeof value === 'string' ? 'string' : value.type;
}

/** The encodings Redis reports for a string value. */
export type StringEncoding = 'int' | 'embstr' | 'raw';
