/** Test helper: fast-check arbitraries for journal records and chunkings. */
import fc from 'fast-check';
import type { JournalRecord } from '../journal-record';

/** A binary-safe latin1 string (every byte value, CR/LF included). */
export const latin1String = (maxLength = 40): fc.Arbitrary<string> =>
  fc.string({ unit: fc.nat(255).map((c) => String.fromCharCode(c)), maxLength });

const count = fc.nat(1_000_000);
const id = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
const argv = fc.array(latin1String(), { minLength: 1, maxLength: 6 });

/** Any well-formed record of any kind. */
export const anyRecord: fc.Arbitrary<JournalRecord> = fc.oneof(
  fc.record({
    lsn: id,
    kind: fc.constant('command' as const),
    dbIndex: count,
    txid: fc.oneof(fc.constant(0), id),
    argv,
  }),
  fc.record({ lsn: id, kind: fc.constant('exec' as const), dbIndex: count, txid: id, argv: fc.constant([]) }),
  fc.record({ lsn: id, kind: fc.constant('barrier' as const), dbIndex: count, txid: id, argv }),
  fc.record({
    lsn: fc.nat(),
    kind: fc.constant('ping' as const),
    dbIndex: count,
    txid: fc.constant(0),
    argv: fc.constant([]),
  }),
);

/** Cuts `bytes` into consecutive pieces whose sizes cycle through `sizes` (each at least 1). */
export function splitBy(bytes: Buffer, sizes: readonly number[]): Buffer[] {
  const pieces: Buffer[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length]);
    pieces.push(bytes.subarray(at, at + size));
    at += size;
  }
  return pieces;
}
