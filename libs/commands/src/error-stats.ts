/**
 * Error replies as INFO counts them (Redis 7.0's afterErrorReply): `total_error_replies`, and per error code (the
 * word before the first space, looked for in the first 31 characters; "ERR" when there is none) for
 * `INFO errorstats`. Every client's reply writer calls `count` for each error it writes, sent or not.
 */
export class ErrorStats {
  total = 0;
  /** Errors replied to a master or a replica over the replication link (INFO unexpected_error_replies). */
  unexpected = 0;
  /** The total when the dispatcher last charged errors to a command (its failed_calls): see chargeErrors. */
  accounted = 0;
  readonly byCode = new Map<string, number>();

  /** Bound once, shared by every client's reply writer. */
  readonly count = (message: string): void => {
    this.total++;
    const space = message.indexOf(' ');
    const code = space > 0 && space < 31 ? message.slice(0, space) : 'ERR';
    this.byCode.set(code, (this.byCode.get(code) ?? 0) + 1);
  };

  /** For the replication links' clients: a reply error there is also unexpected (Redis's afterErrorReply). */
  readonly countUnexpected = (message: string): void => {
    this.unexpected++;
    this.count(message);
  };

  /** True when errors were replied since the last call (and marks them as charged), as incrCommandStatsOnError. */
  chargeErrors(): boolean {
    const fresh = this.total !== this.accounted;
    this.accounted = this.total;
    return fresh;
  }

  reset(): void {
    this.total = 0;
    this.unexpected = 0;
    this.accounted = 0;
    this.byCode.clear();
  }
}
