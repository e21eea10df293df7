import type { RdbVersion } from './rdb-types';

/** How values are serialized: the server settings Redis's rdbSaveObject depends on. */
export interface ValueWriteOptions {
  /** 10: Redis 7.0's encodings (listpacks, quicklist 2); 9: Redis 6.2's (ziplists, quicklist). */
  readonly version: RdbVersion;
  /** rdbcompression: LZF for strings and blobs over 20 bytes when it saves at least 4 bytes. */
  readonly compress: boolean;
  /** list-max-listpack-size (list-max-ziplist-size in 6.2): < 0 a node byte limit, > 0 an element count. */
  readonly listFill: number;
  /** list-compress-depth: quicklist nodes this far from both ends stay plain, the inner ones are LZF'd. */
  readonly listCompressDepth: number;
  /** Elements at least this long get a quicklist node of their own (7.0's packed_threshold, 1 GB). */
  readonly packedThreshold: number;
}

export const DEFAULT_WRITE_OPTIONS: ValueWriteOptions = {
  version: 10,
  compress: true,
  listFill: -2,
  listCompressDepth: 0,
  packedThreshold: 1 << 30,
};

/** `DEFAULT_WRITE_OPTIONS` with some fields replaced. */
export function writeOptions(overrides: Partial<ValueWriteOptions> = {}): ValueWriteOptions {
  return { ...DEFAULT_WRITE_OPTIONS, ...overrides };
}
