import { existsSync } from 'fs';
import { join } from 'path';
import { rdbLoadLimits, type ConfigStore, type Logger, type PersistenceControl } from '@drake/commands';
import { RdbSnapshotJob, serverFileHeader } from '@drake/replication';
import type { Keyspace } from '@drake/storage';
import { loadRdbFile, type LoadResult } from './rdb-file-load';
import { RdbTempFile } from './rdb-temp-file';

/** How long a background save encodes keys per turn of the event loop before it lets clients in (ms). */
const BGSAVE_TURN_MS = 0.5;
/** A failed background save is retried at a save point no sooner than this (Redis's CONFIG_BGSAVE_RETRY_DELAY). */
const BGSAVE_RETRY_DELAY_S = 5;

export interface PersistenceHost {
  readonly keyspace: Keyspace;
  readonly config: ConfigStore;
  readonly logger: Logger;
  lastSaveUnix: number;
}

/**
 * The RDB file at `dir`/`dbfilename`: loaded at start-up, written by SAVE (at once), BGSAVE (a point-in-time
 * snapshot written over event-loop turns, no fork) and SHUTDOWN SAVE. Either way the file is streamed to disk as
 * the snapshot encodes the keys (no copy of the dataset in memory, no long write at the end). Keeps what INFO
 * persistence reports.
 */
export class Persistence implements PersistenceControl {
  private job: RdbSnapshotJob | null = null;
  /** The running background save's file. */
  private file: RdbTempFile | null = null;
  private scheduled = false;
  private dirtyAtSave = 0;
  /** The change counter when the running save took its point in time: what its file holds. */
  private dirtyAtStart = 0;
  lastBgsaveOk = true;
  private lastAttemptUnix = 0;
  /** SAVE and BGSAVE runs started (INFO rdb_saves; Redis counts the attempts of those two commands). */
  saves = 0;
  /** Seconds the last background save took, -1 before the first (INFO rdb_last_bgsave_time_sec). */
  lastBgsaveSeconds = -1;
  private bgsaveStartedMs = 0;
  /** Keys in the dataset when the running background save took its point in time. */
  private bgsaveKeysTotal = 0;
  /** What the start-up load found (INFO rdb_last_load_keys_loaded / _expired). */
  lastLoadKeys = 0;
  lastLoadExpired = 0;

  constructor(private readonly host: PersistenceHost) {}

  get bgsaveInProgress(): boolean {
    return this.job !== null;
  }

  get changesSinceSave(): number {
    return this.host.keyspace.dirty - this.dirtyAtSave;
  }

  get path(): string {
    const config = this.host.config;
    return join(
      config.lookup('dir')?.get() ?? process.cwd(),
      config.lookup('dbfilename')?.get() ?? 'dump.rdb',
    );
  }

  /** Loads the RDB file if there is one; null when there is none. Throws on a file that does not load. */
  loadAtStartup(): LoadResult | null {
    const path = this.path;
    if (!existsSync(path)) return null;
    const started = Date.now();
    const result = loadRdbFile(this.host.keyspace, path, rdbLoadLimits(this.host.config));
    this.dirtyAtSave = this.host.keyspace.dirty;
    this.lastLoadKeys = result.keys;
    this.lastLoadExpired = result.expired;
    this.host.logger.info({ path, ...result, ms: Date.now() - started }, 'rdb loaded');
    return result;
  }

  /** SAVE. */
  save(): string | null {
    if (this.job !== null) return 'ERR Background save already in progress';
    this.saves++;
    return this.saveNow();
  }

  resetStats(): void {
    this.saves = 0;
  }

  /** Seconds the running background save has taken, -1 when none runs (INFO rdb_current_bgsave_time_sec). */
  get currentBgsaveSeconds(): number {
    return this.job === null ? -1 : Math.floor(Date.now() / 1000) - Math.floor(this.bgsaveStartedMs / 1000);
  }

  /** The running background save's keys written so far and in all, or null when none runs. */
  get bgsaveProgress(): { processed: number; total: number } | null {
    return this.job === null ? null : { processed: this.job.keys, total: this.bgsaveKeysTotal };
  }

  /** Writes the file now, blocking (SAVE, SHUTDOWN, DEBUG RELOAD); null when done, else the error to reply. */
  saveNow(): string | null {
    if (this.job !== null) return 'ERR Background save already in progress';
    let file: RdbTempFile | null = null;
    const job = this.newJob();
    try {
      file = this.streamTo(job);
      this.dirtyAtStart = this.host.keyspace.dirty;
      job.start();
      while (!job.step(Infinity));
      this.finish(job, file, 'save');
      return null;
    } catch (error) {
      job.cancel();
      file?.abort();
      this.host.logger.error({ err: (error as Error).message, path: this.path }, 'save failed');
      return 'ERR';
    }
  }

  bgsave(schedule: boolean): string {
    if (this.job !== null) {
      if (!schedule) return 'ERR Background save already in progress';
      this.scheduled = true;
      return 'Background saving scheduled';
    }
    const job = this.newJob();
    this.saves++;
    this.dirtyAtStart = this.host.keyspace.dirty;
    this.lastAttemptUnix = Math.floor(Date.now() / 1000);
    this.bgsaveStartedMs = Date.now();
    this.bgsaveKeysTotal = this.host.keyspace.totalKeys();
    try {
      this.file = this.streamTo(job);
    } catch (error) {
      // As a Redis child that cannot create its file: the save started, and failed.
      this.lastBgsaveOk = false;
      this.bgsaveEnded();
      this.host.logger.error({ err: (error as Error).message, path: this.path }, 'background save failed');
      return 'Background saving started';
    }
    job.start();
    this.job = job;
    this.host.logger.info({ path: this.path }, 'background save started');
    setImmediate(this.advance);
    return 'Background saving started';
  }

  /**
   * DEBUG RELOAD [MERGE] [NOFLUSH] [NOSAVE]: saves (unless NOSAVE), empties the dataset (unless NOFLUSH) and loads
   * the file back; without MERGE a key already there is an error. Null when done, else the error to reply. The
   * dataset is the same afterwards, so the change counter is put back: nothing goes to the replicas.
   */
  reload(options: readonly string[]): string | null {
    const opts = new Set(options.map((o) => o.toLowerCase()));
    for (const o of opts) {
      if (o !== 'merge' && o !== 'noflush' && o !== 'nosave')
        return 'ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.';
    }
    if (!opts.has('nosave')) {
      const error = this.saveNow();
      if (error !== null) return error;
    }
    const keyspace = this.host.keyspace;
    const dirty = keyspace.dirty;
    if (!opts.has('noflush')) keyspace.flushAll();
    try {
      loadRdbFile(keyspace, this.path, rdbLoadLimits(this.host.config), opts.has('merge'));
    } catch (error) {
      this.host.logger.error({ err: (error as Error).message, path: this.path }, 'DEBUG RELOAD failed');
      return 'ERR Error trying to load the RDB dump';
    } finally {
      keyspace.dirty = dirty;
    }
    this.host.logger.warn({ path: this.path }, 'DB reloaded by DEBUG RELOAD');
    return null;
  }

  /** Stops a background save (shutdown); its temporary file is removed. */
  close(): void {
    this.job?.cancel();
    this.job = null;
    this.file?.abort();
    this.file = null;
  }

  /** Save points (the `save` parameter): whether a shutdown without SAVE/NOSAVE saves. */
  get hasSavePoints(): boolean {
    return this.savePoints().length !== 0;
  }

  /**
   * Called every second (Redis's serverCron): starts a background save when a save point is reached — at least
   * `changes` changes and `seconds` since the last save — retrying a failed one after 5 s at the earliest.
   */
  tick(nowMs = Date.now()): void {
    if (this.job !== null) return;
    const now = Math.floor(nowMs / 1000);
    if (!this.lastBgsaveOk && now - this.lastAttemptUnix <= BGSAVE_RETRY_DELAY_S) return;
    const changes = this.changesSinceSave;
    for (const [seconds, needed] of this.savePoints()) {
      if (changes >= needed && now - this.host.lastSaveUnix > seconds) {
        this.host.logger.info({ changes, seconds }, 'save point reached');
        this.bgsave(false);
        return;
      }
    }
  }

  /** The `save` parameter as [seconds, changes] pairs. */
  private savePoints(): [number, number][] {
    const words = (this.host.config.lookup('save')?.get() ?? '')
      .trim()
      .split(/\s+/)
      .filter((w) => w !== '');
    const points: [number, number][] = [];
    for (let i = 0; i + 1 < words.length; i += 2) points.push([Number(words[i]), Number(words[i + 1])]);
    return points;
  }

  private readonly advance = (): void => {
    const job = this.job;
    const file = this.file;
    if (job === null || file === null) return;
    try {
      if (!job.stepFor(BGSAVE_TURN_MS)) {
        setImmediate(this.advance);
        return;
      }
      const bytes = job.endStream();
      // Still in progress until the file is synced and in place.
      file.commitAsync((error) => this.bgsaveWritten(job, bytes, error));
    } catch (error) {
      job.cancel();
      this.bgsaveWritten(job, 0, error as Error);
    }
  };

  /** The background save's file is in place (or the save failed); a scheduled one starts now. */
  private bgsaveWritten(job: RdbSnapshotJob, bytes: number, error: Error | null): void {
    if (this.job !== job) return;
    if (error !== null) this.file?.abort();
    this.job = null;
    this.file = null;
    this.lastBgsaveOk = error === null;
    this.bgsaveEnded();
    if (error === null) this.saved(job, bytes, 'background save');
    else this.host.logger.error({ err: error.message, path: this.path }, 'background save failed');
    if (this.scheduled) {
      this.scheduled = false;
      this.bgsave(false);
    }
  }

  private bgsaveEnded(): void {
    this.lastBgsaveSeconds = Math.floor(Date.now() / 1000) - Math.floor(this.bgsaveStartedMs / 1000);
  }

  private newJob(): RdbSnapshotJob {
    return RdbSnapshotJob.forServer(this.host.keyspace, this.host.config);
  }

  /** A temporary file for `path` that `job`'s file streams into, its header and AUX fields written. */
  private streamTo(job: RdbSnapshotJob): RdbTempFile {
    const file = new RdbTempFile(this.path);
    try {
      const { aux, checksum } = serverFileHeader(this.host.config);
      job.streamTo(aux, checksum, file.write);
      return file;
    } catch (error) {
      file.abort();
      throw error;
    }
  }

  /** Ends the finished snapshot's file and puts it in place (SAVE: blocking). */
  private finish(job: RdbSnapshotJob, file: RdbTempFile, what: string): void {
    const bytes = job.endStream();
    file.commit();
    this.saved(job, bytes, what);
  }

  /** A file is in place: the changes it holds are those counted until its snapshot started. */
  private saved(job: RdbSnapshotJob, bytes: number, what: string): void {
    this.dirtyAtSave = this.dirtyAtStart;
    this.host.lastSaveUnix = Math.floor(Date.now() / 1000);
    this.host.logger.info({ path: this.path, keys: job.keys, bytes }, `${what} done`);
  }
}
