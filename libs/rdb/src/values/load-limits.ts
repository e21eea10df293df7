/**
 * The encoding thresholds a loaded value is checked against, as Redis converts on load (rdbLoadObject): a
 * value over them gets the big encoding (hashtable, skiplist) Redis would report after loading it.
 */
export interface ValueLoadLimits {
  /** set-max-intset-entries */
  readonly setMaxIntsetEntries: number;
  /** hash-max-listpack-entries / hash-max-listpack-value */
  readonly hashMaxListpackEntries: number;
  readonly hashMaxListpackValue: number;
  /** zset-max-listpack-entries / zset-max-listpack-value */
  readonly zsetMaxListpackEntries: number;
  readonly zsetMaxListpackValue: number;
}

/** Redis 7.0's defaults. */
export const DEFAULT_LOAD_LIMITS: ValueLoadLimits = {
  setMaxIntsetEntries: 512,
  hashMaxListpackEntries: 512,
  hashMaxListpackValue: 64,
  zsetMaxListpackEntries: 128,
  zsetMaxListpackValue: 64,
};

export function loadLimits(overrides: Partial<ValueLoadLimits> = {}): ValueLoadLimits {
  return { ...DEFAULT_LOAD_LIMITS, ...overrides };
}
