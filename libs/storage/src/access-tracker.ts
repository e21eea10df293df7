/**
 * How a key's access stamp moves when it is written or read, for an LRU or LFU eviction policy (the commands
 * library supplies Redis's LRU clock or its logarithmic LFU counter). `previous` is undefined for a new key.
 */
export interface AccessTracker {
  written(previous: number | undefined): number;
  read(previous: number | undefined): number;
}
