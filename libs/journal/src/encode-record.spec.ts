import { ReplyWriter } from '@drake/resp';
import { encodeRecord, encodeSnapshotCommand, encodeSnapshotSet } from './encode-record';
import type { JournalRecord } from './journal-record';

function encode(...records: JournalRecord[]): string {
  const writer = new ReplyWriter();
  for (const r of records) encodeRecord(r, writer);
  return (writer.take() ?? Buffer.alloc(0)).toString('latin1');
}

describe('encodeRecord', () => {
  it('frames a command as a RESP array: kind, lsn, db, txid, then the arguments', () => {
    expect(encode({ lsn: 12, kind: 'command', dbIndex: 3, txid: 0, argv: ['SET', 'k', 'v'] })).toBe(
      '*7\r\n+C\r\n:12\r\n:3\r\n:0\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n',
    );
  });

  it('frames exec, barrier and ping records', () => {
    expect(encode({ lsn: 5, kind: 'exec', dbIndex: 0, txid: 9, argv: [] })).toBe(
      '*4\r\n+E\r\n:5\r\n:0\r\n:9\r\n',
    );
    expect(encode({ lsn: 6, kind: 'barrier', dbIndex: 2, txid: 10, argv: ['FLUSHDB'] })).toBe(
      '*5\r\n+B\r\n:6\r\n:2\r\n:10\r\n$7\r\nFLUSHDB\r\n',
    );
    expect(encode({ lsn: 0, kind: 'ping', dbIndex: 0, txid: 0, argv: [] })).toBe(
      '*4\r\n+P\r\n:0\r\n:0\r\n:0\r\n',
    );
  });

  it('writes arguments byte for byte (latin1, CRLF and NUL inside)', () => {
    const value = '\x00\r\n\xff' + 'x'.repeat(100);
    const out = encode({ lsn: 1, kind: 'command', dbIndex: 0, txid: 0, argv: ['SET', value] });
    expect(out.endsWith(`$${value.length}\r\n${value}\r\n`)).toBe(true);
  });

  it('appends to what the writer already holds', () => {
    const writer = new ReplyWriter();
    writer.raw('prefix');
    encodeRecord({ lsn: 1, kind: 'exec', dbIndex: 0, txid: 1, argv: [] }, writer);
    expect(writer.take()?.toString('latin1')).toBe('prefix*4\r\n+E\r\n:1\r\n:0\r\n:1\r\n');
  });

  it('refuses a malformed record without writing anything', () => {
    const writer = new ReplyWriter();
    expect(() => encodeRecord({ lsn: 1, kind: 'command', dbIndex: 0, txid: 0, argv: [] }, writer)).toThrow(
      RangeError,
    );
    expect(writer.length).toBe(0);
  });
});

describe('encodeSnapshotCommand', () => {
  it('writes the frame encodeRecord writes for the same snapshot record', () => {
    const cases: [number, string[]][] = [
      [0, ['SET', 'k', 'v']],
      [15, ['HSET', 'h', 'f\r\n', '\u0000\u00ff', 'g', '']],
    ];
    for (const [dbIndex, argv] of cases) {
      const writer = new ReplyWriter();
      encodeSnapshotCommand(dbIndex, argv, writer);
      expect(writer.take()?.toString('latin1')).toBe(
        encode({ lsn: 0, kind: 'snapshot', dbIndex, txid: 0, argv }),
      );
    }
  });

  it('writes a SET without an argv array, byte for byte as the generic encoder', () => {
    for (const [dbIndex, key, value] of [
      [0, 'k', 'v'],
      [9, '', ''],
      [3, 'a\r\nb', '\u0000\u00ff'.repeat(40)],
      [0, 'k2', 'v2'],
      [63, 'k', 'v'],
      [64, 'k', 'v'],
      [1000, 'k', 'v'],
    ] as const) {
      const direct = new ReplyWriter();
      encodeSnapshotSet(dbIndex, key, value, direct);
      const generic = new ReplyWriter();
      encodeSnapshotCommand(dbIndex, ['SET', key, value], generic);
      expect(direct.take()?.toString('latin1')).toBe(generic.take()?.toString('latin1'));
    }
    expect(() => encodeSnapshotSet(-1, 'k', 'v', new ReplyWriter())).toThrow(RangeError);
  });

  it('refuses an empty command or a bad database index', () => {
    const writer = new ReplyWriter();
    expect(() => encodeSnapshotCommand(0, [], writer)).toThrow(RangeError);
    expect(() => encodeSnapshotCommand(-1, ['SET', 'k', 'v'], writer)).toThrow(RangeError);
    expect(writer.length).toBe(0);
  });
});
