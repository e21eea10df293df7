import { rdbWriteSettings, REDIS_VERSION, usedMemory, type ConfigStore } from '@drake/commands';
import {
  ByteWriter,
  RdbFileWriter,
  writeKeyRecord,
  writeOptions,
  type StandardAux,
  type ValueWriteOptions,
} from '@drake/rdb';
import type { Keyspace, Value } from '@drake/storage';
import { ShardSnapshot } from './snapshot-streamer';

/** The AUX fields of an RDB file this server writes now, and whether it carries a checksum (rdbchecksum). */
export function serverFileHeader(config: ConfigStore): { aux: StandardAux; checksum: boolean } {
  return {
    aux: { redisVersion: REDIS_VERSION, ctime: Math.floor(Date.now() / 1000), usedMem: usedMemory() },
    checksum: config.lookup('rdbchecksum')?.get() !== 'no',
  };
}

/** Keys per shard between two looks at the clock in stepFor(). */
const TIMED_STEP_KEYS = 32;

/** One database's share of the file: its key records, encoded as the snapshot reaches them. */
interface DbBody {
  readonly records: ByteWriter;
  keys: number;
  expires: number;
}

/**
 * A point-in-time RDB file of the whole keyspace, taken without fork (DESIGN §3): one ShardSnapshot per shard
 * hands each key to this job as it was at start() — the walk, or a write about to change it — and the key is
 * encoded at once into its database's records. toBuffer() then lays the file out as Redis does (header, AUX, each
 * database's SELECTDB, RESIZEDB and records, EOF, CRC-64). Keys of different databases arrive interleaved, so
 * the records wait in memory until the end: about the size of the file.
 *
 * Or, after streamTo(), the file goes out in chunks as the keys arrive, nothing kept: a SELECTDB wherever the
 * database changes (Redis's loader takes any number of them) and no RESIZEDB, which is only a hint.
 */
export class RdbSnapshotJob {
  private readonly shards: ShardSnapshot[] = [];
  private readonly bodies: (DbBody | undefined)[] = [];
  private next = 0;
  /** The file being streamed (streamTo), and the database its last record went to. */
  private stream: RdbFileWriter | null = null;
  private streamDb = -1;
  private streamedKeys = 0;

  /** A job for a file of this server's: RDB version 10 with its encoding settings (rdbcompression, list packing). */
  /** `withData` false: a file of the header and AUX fields only (REPLCONF rdb-filter-only). */
  static forServer(keyspace: Keyspace, config: ConfigStore, withData = true): RdbSnapshotJob {
    return new RdbSnapshotJob(keyspace, writeOptions({ ...rdbWriteSettings(config), version: 10 }), withData);
  }

  constructor(
    keyspace: Keyspace,
    private readonly options: ValueWriteOptions,
    withData = true,
  ) {
    for (let s = 0; withData && s < keyspace.shardCount; s++) {
      this.shards.push(
        new ShardSnapshot(keyspace, s, () => undefined, { keySink: this.onKey, serializeFlushed: true }),
      );
    }
  }

  /** Takes the point in time. */
  start(): void {
    for (const shard of this.shards) shard.start();
  }

  /** Encodes about `budget` keys per shard; true once every shard is done. */
  step(budget: number): boolean {
    let done = true;
    for (let i = 0; i < this.shards.length; i++) {
      const shard = this.shards[(this.next + i) % this.shards.length];
      if (!shard.step(budget)) done = false;
      const error = shard.error;
      if (error !== null) throw error instanceof Error ? error : new Error(String(error));
    }
    this.next = (this.next + 1) % this.shards.length;
    return done;
  }

  /**
   * Steps of `keys` keys per shard until `ms` milliseconds have passed; true once every shard is done. A turn of
   * the event loop that runs this holds the clients' requests for about `ms`, whatever the values' sizes.
   */
  stepFor(ms: number, keys = TIMED_STEP_KEYS): boolean {
    const until = performance.now() + ms;
    do {
      if (this.step(keys)) return true;
    } while (performance.now() < until);
    return false;
  }

  cancel(): void {
    for (const shard of this.shards) shard.cancel();
  }

  get keys(): number {
    let n = this.streamedKeys;
    for (const body of this.bodies) n += body?.keys ?? 0;
    return n;
  }

  /** The whole file in memory (what a Redis replica without `capa eof` gets). */
  toBuffer(aux: StandardAux, checksum: boolean): Buffer {
    const chunks: Buffer[] = [];
    this.layOut(aux, checksum, (chunk) => chunks.push(Buffer.from(chunk)));
    return Buffer.concat(chunks);
  }

  /**
   * Streams the file through `onChunk` (about 64 KB at a time) as the snapshot reaches the keys, instead of
   * keeping them for toBuffer(): the header and AUX now, the records as step() and the hooks produce
   * them, EOF and the checksum at endStream().
   */
  streamTo(aux: StandardAux, checksum: boolean, onChunk: (chunk: Buffer) => void): void {
    this.stream = new RdbFileWriter({ ...this.options, checksum, onChunk });
    this.stream.standardAux(aux);
  }

  /** Ends the streamed file (every shard is done); returns its size. */
  endStream(): number {
    const file = this.stream;
    if (file === null) throw new Error('RdbSnapshotJob: not streaming');
    file.end();
    return file.bytesWritten;
  }

  /** Header, AUX, each database's SELECTDB, RESIZEDB and records, EOF, CRC-64, through `onChunk`; the size. */
  private layOut(aux: StandardAux, checksum: boolean, onChunk: (chunk: Buffer) => void): number {
    const file = new RdbFileWriter({ ...this.options, checksum, onChunk });
    file.standardAux(aux);
    this.bodies.forEach((body, db) => {
      if (body === undefined || body.keys === 0) return;
      file.selectDb(db).resizeDb(body.keys, body.expires).records(body.records.bytes());
    });
    file.end();
    return file.bytesWritten;
  }

  private readonly onKey = (db: number, key: string, value: Value, expireAtMs: number): void => {
    const file = this.stream;
    if (file !== null) {
      if (db !== this.streamDb) file.selectDb((this.streamDb = db));
      file.key(key, value, expireAtMs);
      this.streamedKeys++;
      return;
    }
    let body = this.bodies[db];
    if (body === undefined) this.bodies[db] = body = { records: new ByteWriter(4096), keys: 0, expires: 0 };
    writeKeyRecord(body.records, key, value, expireAtMs, this.options);
    body.keys++;
    if (expireAtMs !== -1) body.expires++;
  };
}
