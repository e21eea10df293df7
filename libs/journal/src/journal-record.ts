/**
 * What a shard journal carries (DESIGN §4):
 * - `command`: one effect command (argv) to run in database `dbIndex`. `txid` 0 = standalone; `txid` > 0 = part of
 *   a transaction group, which a replica holds back until the group's `exec` arrives, then applies at once.
 * - `exec`: closes transaction group `txid` on this shard (no argv).
 * - `barrier`: FLUSHALL/FLUSHDB (argv), appended to every shard with the same `txid`, so replica flows can meet
 *   before applying it.
 * - `ping`: the shard's current LSN; it takes no LSN of its own and is never stored. A heartbeat, and the first
 *   record of a full sync: the LSN the snapshot starts from (the replica's position until journal records come).
 * - `snapshot`: one command that rebuilds part of a value during full sync (LSN 0: not a journal entry).
 * - `syncEnd`: the end of a flow's full-sync snapshot; `lsn` is the shard's LSN when the snapshot ended, so every
 *   journal record the flow carried meanwhile (interleaved with the snapshot) is at or below it.
 * Every stored record (all but `ping`) takes the next per-shard LSN: 1, 2, 3…
 */
export type JournalRecordKind = 'command' | 'exec' | 'barrier' | 'ping' | 'snapshot' | 'syncEnd';

export interface JournalRecord {
  readonly lsn: number;
  readonly kind: JournalRecordKind;
  readonly dbIndex: number;
  /** Transaction group or barrier id; 0 when the record belongs to none. */
  readonly txid: number;
  /** latin1 strings (one char per byte). */
  readonly argv: readonly string[];
}

/** A heartbeat telling a subscriber the shard's current LSN; it takes no LSN of its own. */
export function pingRecord(lsn: number): JournalRecord {
  return { lsn, kind: 'ping', dbIndex: 0, txid: 0, argv: [] };
}

/** One-letter wire codes of the kinds (see encode-record.ts for the frame layout). */
export const KIND_CODES: Readonly<Record<JournalRecordKind, string>> = {
  command: 'C',
  exec: 'E',
  barrier: 'B',
  ping: 'P',
  snapshot: 'S',
  syncEnd: 'F',
};

/** The kind for a wire code (a byte value), or null for an unknown one. */
export function kindOfCode(code: number): JournalRecordKind | null {
  switch (code) {
    case 67 /* C */:
      return 'command';
    case 69 /* E */:
      return 'exec';
    case 66 /* B */:
      return 'barrier';
    case 80 /* P */:
      return 'ping';
    case 83 /* S */:
      return 'snapshot';
    case 70 /* F */:
      return 'syncEnd';
    default:
      return null;
  }
}

function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/**
 * Why `record` is not a well-formed journal record, or null when it is. Shared by the encoder (a bug in the
 * caller) and the decoder (a broken or hostile stream), so both sides agree on what may cross the wire.
 */
export function recordProblem(record: JournalRecord): string | null {
  const { kind, lsn, dbIndex, txid, argv } = record;
  if (!Object.hasOwn(KIND_CODES, kind)) return `unknown record kind ${String(kind)}`;
  if (!isCount(lsn) || !isCount(dbIndex) || !isCount(txid)) {
    return 'lsn, db index and txid must be non-negative safe integers';
  }
  if (kind === 'ping' || kind === 'syncEnd') {
    if (txid !== 0 || argv.length !== 0) return `a ${kind} record has no txid and no arguments`;
    return null;
  }
  if (kind === 'snapshot') {
    if (lsn !== 0 || txid !== 0 || argv.length === 0)
      return 'a snapshot record has LSN 0, no txid and a command';
    return null;
  }
  if (lsn === 0) return `a ${kind} record needs an LSN of at least 1`;
  if (kind === 'exec') {
    if (txid === 0 || argv.length !== 0) return 'an exec record has a txid and no arguments';
    return null;
  }
  if (argv.length === 0) return `a ${kind} record needs a command`;
  if (kind === 'barrier' && txid === 0) return 'a barrier record needs a txid';
  return null;
}
