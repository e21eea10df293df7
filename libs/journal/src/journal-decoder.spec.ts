import { ReplyWriter } from '@drake/resp';
import fc from 'fast-check';
import { encodeRecord } from './encode-record';
import {
  decodeRecords,
  JournalDecodeError,
  JournalDecoder,
  type JournalDecoderOptions,
} from './journal-decoder';
import { recordProblem, type JournalRecord } from './journal-record';
import { anyRecord, latin1String, splitBy } from './testing/arbitraries';

function encodeAll(records: readonly JournalRecord[]): Buffer {
  const writer = new ReplyWriter();
  for (const r of records) encodeRecord(r, writer);
  return writer.take() ?? Buffer.alloc(0);
}

interface Outcome {
  records: JournalRecord[];
  errors: JournalDecodeError[];
  decoder: JournalDecoder;
}

function decodePieces(pieces: readonly Buffer[], options?: JournalDecoderOptions): Outcome {
  const out: Outcome = { records: [], errors: [], decoder: null as unknown as JournalDecoder };
  out.decoder = new JournalDecoder(
    { onRecord: (r) => out.records.push(r), onError: (e) => out.errors.push(e) },
    options,
  );
  for (const p of pieces) out.decoder.feed(p);
  return out;
}

const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');
const HEAD = '*5\r\n+C\r\n:1\r\n:0\r\n:0\r\n';

describe('JournalDecoder', () => {
  it('decodes what encodeRecord wrote', () => {
    const records: JournalRecord[] = [
      { lsn: 1, kind: 'command', dbIndex: 0, txid: 0, argv: ['SET', 'k', 'v'] },
      { lsn: 2, kind: 'command', dbIndex: 15, txid: 4, argv: ['DEL', ''] },
      { lsn: 3, kind: 'exec', dbIndex: 0, txid: 4, argv: [] },
      { lsn: 3, kind: 'ping', dbIndex: 0, txid: 0, argv: [] },
      { lsn: 4, kind: 'barrier', dbIndex: 0, txid: 5, argv: ['FLUSHALL', 'ASYNC'] },
    ];
    const out = decodePieces([encodeAll(records)]);
    expect(out.records).toEqual(records);
    expect(out.errors).toEqual([]);
    expect(out.decoder.atBoundary).toBe(true);
  });

  it('decodes command names that differ in any byte from the previous one (names are reused when equal)', () => {
    const names = [
      'SET',
      'SET',
      'DEL',
      'SEt',
      'set',
      'SET',
      'x'.repeat(16),
      'x'.repeat(15) + 'y',
      'x'.repeat(17),
    ];
    const records: JournalRecord[] = names.map((name, i) => ({
      lsn: i + 1,
      kind: 'command',
      dbIndex: 0,
      txid: 0,
      argv: [name, `k${i}`],
    }));
    const out = decodePieces(splitBy(encodeAll(records), [5, 1, 9]));
    expect(out.records.map((r) => r.argv[0])).toEqual(names);
  });

  it('decodes the same records however the stream is split', () => {
    fc.assert(
      fc.property(
        fc.array(anyRecord, { maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }),
        (records, sizes) => {
          const out = decodePieces(splitBy(encodeAll(records), sizes));
          expect(out.errors).toEqual([]);
          expect(out.records).toEqual(records);
          expect(out.decoder.atBoundary).toBe(true);
        },
      ),
    );
  });

  it('decodes records of any argument count with exactly their arguments, however split', () => {
    const records: JournalRecord[] = [1, 8, 9, 64, 65, 300, 2001].map((n, i) => ({
      lsn: i + 1,
      kind: 'command',
      dbIndex: 0,
      txid: 0,
      argv: ['RPUSH', ...Array.from({ length: n - 1 }, (_, j) => `m${j}`)],
    }));
    for (const sizes of [[1], [7, 3], [4096]]) {
      const out = decodePieces(splitBy(encodeAll(records), sizes));
      expect(out.errors).toEqual([]);
      expect(out.records).toEqual(records);
    }
  });

  it('gathers a large argument arriving in many chunks', () => {
    const big = Buffer.alloc(300_000, 0xab).toString('latin1');
    const record: JournalRecord = { lsn: 9, kind: 'command', dbIndex: 1, txid: 0, argv: ['SET', 'k', big] };
    const out = decodePieces(splitBy(encodeAll([record]), [65536, 7, 1]));
    expect(out.records).toEqual([record]);
  });

  it('reports being mid-record until the last byte arrives', () => {
    const bytes = encodeAll([{ lsn: 1, kind: 'command', dbIndex: 0, txid: 0, argv: ['PING'] }]);
    const out = decodePieces([bytes.subarray(0, bytes.length - 1)]);
    expect(out.records).toEqual([]);
    expect(out.decoder.atBoundary).toBe(false);
    out.decoder.feed(bytes.subarray(bytes.length - 1));
    expect(out.records).toHaveLength(1);
    expect(out.decoder.atBoundary).toBe(true);
    expect(out.decoder.offset).toBe(bytes.length);
  });

  it.each<[string, string, RegExp]>([
    ['inline text', 'PING\r\n', /expected '\*', got 'P' at byte 0/],
    ['a bulk where the kind goes', '*4\r\n$1\r\nC\r\n', /expected '\+', got '\$' at byte 4/],
    ['an unknown kind', '*4\r\n+X\r\n', /unknown record kind 'X'/],
    ['a two-letter kind', '*4\r\n+CC\r\n', /longer than one letter/],
    ['an empty kind', '*4\r\n+\r\n', /empty header line/],
    ['too few elements', '*3\r\n', /fewer than the header/],
    ['a negative count', '*-1\r\n', /expected a digit, got '-'/],
    ['a leading zero', '*04\r\n', /leading zero/],
    ['a huge number', '*4\r\n+C\r\n:99999999999999999\r\n', /too large/],
    ['CR without LF', '*4\r\n+C\r\n:1\rx', /expected LF after CR, got 'x'/],
    ['a letter in a number', '*4\r\n+C\r\n:1a\r\n', /expected a digit, got 'a'/],
    ['a bulk body too long', HEAD + '$2\r\nabc\r\n', /expected CR after an argument, got 'c'/],
    ['CR then no LF after a bulk', HEAD + '$2\r\nab\r\r', /expected LF after an argument, got byte 0x0d/],
    ['an integer where a bulk goes', HEAD + ':5\r\n', /expected '\$', got ':'/],
    ['a command with no arguments', '*4\r\n+C\r\n:1\r\n:0\r\n:0\r\n', /needs a command/],
    ['an exec without txid', '*4\r\n+E\r\n:1\r\n:0\r\n:0\r\n', /exec record has a txid/],
    ['a stored record at LSN 0', '*5\r\n+C\r\n:0\r\n:0\r\n:0\r\n$4\r\nPING\r\n', /LSN of at least 1/],
  ])('rejects %s with a clear error', (_name, input, message) => {
    const out = decodePieces([latin1(input)]);
    expect(out.records).toEqual([]);
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]).toBeInstanceOf(JournalDecodeError);
    expect(out.errors[0].message).toMatch(/^journal stream: /);
    expect(out.errors[0].message).toMatch(message);
  });

  it('reports the stream offset of the bad byte across chunks', () => {
    const good = encodeAll([{ lsn: 1, kind: 'exec', dbIndex: 0, txid: 1, argv: [] }]);
    const out = decodePieces([good, latin1('*4\r'), latin1('\n?')]);
    expect(out.records).toHaveLength(1);
    expect(out.errors[0].offset).toBe(good.length + 4);
  });

  it('decodes nothing more after an error, and reports it once', () => {
    const good = encodeAll([{ lsn: 1, kind: 'exec', dbIndex: 0, txid: 1, argv: [] }]);
    const out = decodePieces([latin1('garbage'), good, good]);
    expect(out.records).toEqual([]);
    expect(out.errors).toHaveLength(1);
    expect(out.decoder.hasFailed).toBe(true);
  });

  it('enforces the argument length and count limits before receiving the bodies', () => {
    const long = decodePieces([latin1(HEAD + '$1000\r\n')], { maxBulkLen: 999 });
    expect(long.errors[0].message).toMatch(/argument of 1000 bytes, over the limit/);
    const many = decodePieces([latin1('*15\r\n')], { maxArgs: 10 });
    expect(many.errors[0].message).toMatch(/frame of 15 elements, too many/);
  });

  it('holds no more than what arrived for a huge declared argument', () => {
    // 512 MiB declared, 10 bytes sent: nothing is allocated for the rest, and the decoder just waits.
    const out = decodePieces([latin1(HEAD + '$536870912\r\n0123456789')]);
    expect(out.errors).toEqual([]);
    expect(out.decoder.atBoundary).toBe(false);
  });

  it('never throws and never emits a malformed record on random bytes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.array(fc.integer({ min: 1, max: 16 }), { minLength: 1 }),
        (bytes, sizes) => {
          const out = decodePieces(splitBy(Buffer.from(bytes), sizes), { maxBulkLen: 64, maxArgs: 8 });
          expect(out.errors.length).toBeLessThanOrEqual(1);
          for (const r of out.records) expect(recordProblem(r)).toBeNull();
        },
      ),
    );
  });

  it('survives corrupted frames: every byte flip either decodes or fails cleanly', () => {
    fc.assert(
      fc.property(
        fc.array(anyRecord, { minLength: 1, maxLength: 4 }),
        fc.nat(),
        fc.nat(255),
        (records, where, value) => {
          const bytes = Buffer.from(encodeAll(records));
          bytes[where % bytes.length] = value;
          const out = decodePieces([bytes]);
          expect(out.errors.length).toBeLessThanOrEqual(1);
          if (out.errors.length === 1) expect(out.errors[0]).toBeInstanceOf(JournalDecodeError);
        },
      ),
    );
  });
});

describe('JournalDecoder with onSnapshotSet', () => {
  type Entry = JournalRecord | { set: [number, string, string] };

  function decodeWithSets(pieces: readonly Buffer[]): { log: Entry[]; errors: JournalDecodeError[] } {
    const log: Entry[] = [];
    const errors: JournalDecodeError[] = [];
    const decoder = new JournalDecoder({
      onRecord: (r) => log.push(r),
      onSnapshotSet: (dbIndex, key, value) => log.push({ set: [dbIndex, key, value] }),
      onError: (e) => errors.push(e),
    });
    for (const p of pieces) decoder.feed(p);
    return { log, errors };
  }

  const snapshotRecord: fc.Arbitrary<JournalRecord> = fc.record({
    lsn: fc.constant(0),
    kind: fc.constant('snapshot' as const),
    dbIndex: fc.nat(15),
    txid: fc.constant(0),
    argv: fc.oneof(
      fc.tuple(fc.constant('SET'), latin1String(), latin1String()),
      fc.tuple(fc.constantFrom('SEt', 'SADD', 'ZADD'), latin1String(), latin1String()),
      fc.array(latin1String(), { minLength: 1, maxLength: 5 }),
    ),
  });

  const expected = (records: readonly JournalRecord[]): Entry[] =>
    records.map((r) =>
      r.kind === 'snapshot' && r.argv.length === 3 && r.argv[0] === 'SET'
        ? { set: [r.dbIndex, r.argv[1], r.argv[2]] as [number, string, string] }
        : r,
    );

  it('hands snapshot SETs over as their parts and the rest as records, in stream order, however split', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(snapshotRecord, anyRecord), { maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }),
        (records, sizes) => {
          const bytes = encodeAll(records);
          // Whole (every frame in one chunk: the one-pass path) and cut into small pieces (the general path).
          for (const pieces of [[bytes], splitBy(bytes, sizes)]) {
            const out = decodeWithSets(pieces);
            expect(out.errors).toEqual([]);
            expect(out.log).toEqual(expected(records));
          }
        },
      ),
    );
  });

  it('still rejects a snapshot SET that carries an LSN or a txid', () => {
    const frame = (lsn: number, txid: number): Buffer =>
      latin1(`*7\r\n+S\r\n:${lsn}\r\n:0\r\n:${txid}\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n`);
    for (const bytes of [frame(5, 0), frame(0, 2)]) {
      const out = decodeWithSets([bytes]);
      expect(out.log).toEqual([]);
      expect(out.errors.map((e) => e.message)).toEqual([
        expect.stringContaining('a snapshot record has LSN 0, no txid and a command'),
      ]);
    }
    expect(decodeWithSets([frame(0, 0)]).log).toEqual([{ set: [0, 'k', 'v'] }]);
  });

  it('reports a malformed SET frame as it would without onSnapshotSet', () => {
    const good = `*7\r\n+S\r\n:0\r\n:3\r\n:0\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\nvv\r\n`;
    const broken = [
      good.replace(':3', ':03'),
      good.replace('$1\r\nk', '$01\r\nk'),
      good.replace('$2\r\nvv', '$2\r\nvvv'),
      good.replace('k\r\n$2', 'k\n\n$2'),
      good.replace('vv\r\n', 'vv\r\r'),
      good.replace('$2\r\n', '$99999999999999999\r\n'),
    ];
    for (const text of broken) {
      const withSets = decodeWithSets([latin1(text)]);
      const plain = decodePieces([latin1(text)]);
      expect(plain.errors).toHaveLength(1);
      expect(withSets.errors.map((e) => e.message)).toEqual(plain.errors.map((e) => e.message));
      expect(withSets.log).toEqual([]);
    }
    const limited = new JournalDecoder(
      { onRecord: () => undefined, onSnapshotSet: () => undefined, onError: (e) => errors.push(e) },
      { maxBulkLen: 3 },
    );
    const errors: JournalDecodeError[] = [];
    limited.feed(latin1(good.replace('$2\r\nvv', '$4\r\nvvvv')));
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringContaining('argument of 4 bytes, over the limit'),
    ]);
  });
});

describe('decodeRecords', () => {
  it('decodes whole frames', () => {
    const records: JournalRecord[] = [{ lsn: 2, kind: 'command', dbIndex: 0, txid: 0, argv: ['INCR', 'n'] }];
    expect(decodeRecords(encodeAll(records))).toEqual(records);
    expect(decodeRecords(Buffer.alloc(0))).toEqual([]);
  });

  it('throws on a truncated frame or bad bytes', () => {
    const bytes = encodeAll([{ lsn: 2, kind: 'command', dbIndex: 0, txid: 0, argv: ['INCR', 'n'] }]);
    expect(() => decodeRecords(bytes.subarray(0, bytes.length - 2))).toThrow(/ends inside a record/);
    expect(() => decodeRecords(latin1('+OK\r\n'))).toThrow(JournalDecodeError);
  });
});
