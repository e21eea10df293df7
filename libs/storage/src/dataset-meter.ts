import type { Value } from './value';

/** Bytes a key and a value take by some layout estimate (the commands library supplies MEMORY USAGE's). */
export interface SizeModel {
  keyBytes(key: string): number;
  valueBytes(value: Value): number;
}

/**
 * The dataset's size in bytes by a SizeModel, kept up to date on every write while a `maxmemory` limit is set
 * (V8's heap counts garbage until a major collection, so it cannot say when a limit is reached). Each table counts
 * its own share; a collection remembers what was counted for it (meteredBytes) so a change in place is counted as
 * the difference.
 */
export class DatasetMeter {
  /** All tables' bytes together. */
  bytes = 0;

  constructor(readonly model: SizeModel) {}

  /** What the meter counts for one stored entry. */
  entryBytes(key: string, value: Value): number {
    const model = this.model;
    return model.keyBytes(key) + (typeof value === 'string' ? model.valueBytes(value) : value.meteredBytes);
  }

  /** Measures a collection afresh (it is being stored, or changed in place) and returns the change. */
  remeasure(value: Value): number {
    if (typeof value === 'string') return 0;
    const before = value.meteredBytes;
    value.meteredBytes = this.model.valueBytes(value);
    return value.meteredBytes - before;
  }
}
