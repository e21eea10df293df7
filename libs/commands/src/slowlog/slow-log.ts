import { readConfigNumber } from '../server/config-number';
import type { ConfigStore } from '../server-context';

/** Redis keeps at most this many arguments of a logged command (SLOWLOG_ENTRY_MAX_ARGC). */
const MAX_ARGC = 32;
/** Longer arguments are cut to this many bytes (SLOWLOG_ENTRY_MAX_STRING). */
const MAX_STRING = 128;

/** Below this threshold (µs) every command is timed on its own; above it the cheap ones share their read's time. */
const TIME_EVERY_COMMAND_BELOW_US = 1000;
/** SlowLog.timing: which commands the dispatcher times on their own. */
export const TIME_NONE = 0;
export const TIME_SLOW = 1;
export const TIME_ALL = 2;

export interface SlowLogEntry {
  readonly id: number;
  /** Unix seconds when it was logged. */
  readonly time: number;
  readonly durationUs: number;
  readonly argv: readonly string[];
  /** The client's address (ip:port) and name. */
  readonly peer: string;
  readonly clientName: string;
}

/**
 * The slow log (Redis's slowlog.c): commands that took at least `slower-than` µs, newest first, at most `max-len`
 * of them (trimmed on the next entry, as Redis does). A negative threshold turns it off.
 */
export class SlowLog {
  /** slowlog-log-slower-than in µs; Infinity while it is off, so the dispatcher's one comparison fails. */
  thresholdUs = 10_000;
  maxLen = 128;
  /**
   * Which commands get clock readings of their own in a pipelined read (a reading costs 58 ns on this VM, about a
   * tenth of a pipelined SET): none while the log is off; from 1 ms up, those that are neither `fast` nor O(1) (a
   * cheap command alone in its read is still timed exactly, by its read); below 1 ms, all.
   */
  timing = TIME_SLOW;
  private nextId = 0;
  /** Oldest first from `start`; the slots before `start` are dropped entries waiting for a compaction. */
  private entries: SlowLogEntry[] = [];
  private start = 0;

  get enabled(): boolean {
    return this.thresholdUs !== Infinity;
  }

  get length(): number {
    return this.entries.length - this.start;
  }

  /** A slow log that follows slowlog-log-slower-than and slowlog-max-len in `config`. */
  static following(config: ConfigStore): SlowLog {
    const log = new SlowLog();
    const read = (): void => {
      log.setThreshold(readConfigNumber(config, 'slowlog-log-slower-than', 10_000));
      log.maxLen = readConfigNumber(config, 'slowlog-max-len', 128);
    };
    config.onChange?.('slowlog-log-slower-than', read);
    config.onChange?.('slowlog-max-len', read);
    read();
    return log;
  }

  /** CONFIG's slowlog-log-slower-than: below 0 turns the log off (and with it the per-command clock readings). */
  setThreshold(us: number): void {
    this.thresholdUs = us < 0 ? Infinity : us;
    this.timing = us < 0 ? TIME_NONE : us < TIME_EVERY_COMMAND_BELOW_US ? TIME_ALL : TIME_SLOW;
  }

  /** Logs a command that took `durationUs` if that reaches the threshold, then trims to max-len. */
  record(argv: readonly string[], durationUs: number, peer: string, clientName: string): void {
    if (!this.enabled) return;
    if (durationUs >= this.thresholdUs) {
      this.entries.push({
        id: this.nextId++,
        time: Math.floor(Date.now() / 1000),
        durationUs: Math.floor(durationUs),
        argv: loggedArgs(argv),
        peer,
        clientName,
      });
    }
    this.trim();
  }

  /** Up to `count` entries, newest first. */
  newest(count: number): SlowLogEntry[] {
    const out: SlowLogEntry[] = [];
    for (let i = this.entries.length - 1; i >= this.start && out.length < count; i--)
      out.push(this.entries[i]);
    return out;
  }

  reset(): void {
    this.entries = [];
    this.start = 0;
  }

  private trim(): void {
    const excess = this.length - this.maxLen;
    if (excess <= 0) return;
    this.start += excess;
    // Dropped slots are reclaimed in one copy once they are the larger part: O(1) per entry over time.
    if (this.start >= 1024 && this.start * 2 >= this.entries.length) {
      this.entries = this.entries.slice(this.start);
      this.start = 0;
    }
  }
}

/** What Redis keeps of a command's arguments: 32 at most (the last says how many more), each cut at 128 bytes. */
function loggedArgs(argv: readonly string[]): string[] {
  const argc = Math.min(argv.length, MAX_ARGC);
  const out = new Array<string>(argc);
  for (let j = 0; j < argc; j++) {
    if (argc !== argv.length && j === argc - 1) {
      out[j] = `... (${argv.length - argc + 1} more arguments)`;
    } else {
      const arg = argv[j];
      out[j] =
        arg.length > MAX_STRING ? `${copyOfStart(arg)}... (${arg.length - MAX_STRING} more bytes)` : arg;
    }
  }
  return out;
}

/**
 * The first MAX_STRING bytes of `arg` as a string of their own. A slice of a string of 13 or more characters is a
 * view that keeps the whole of it alive in V8: 128 entries of 20 MB arguments would hold 2.5 GB.
 */
function copyOfStart(arg: string): string {
  return Buffer.from(arg.slice(0, MAX_STRING), 'latin1').toString('latin1');
}
