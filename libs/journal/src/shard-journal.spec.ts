import { decodeRecords } from './journal-decoder';
import type { JournalRecord } from './journal-record';
import { ShardJournal, type JournalSubscriber } from './shard-journal';

/** Records what it is told, decoding each frame to check it matches the record. */
class Recorder implements JournalSubscriber {
  records: JournalRecord[] = [];
  frames: Buffer[] = [];
  onRecord(record: JournalRecord, encoded: Buffer): void {
    this.records.push(record);
    this.frames.push(Buffer.from(encoded));
  }
}

describe('ShardJournal', () => {
  it('numbers stored records 1, 2, 3… and keeps them for readFrom', () => {
    const j = new ShardJournal(0, { maxBytes: 4096 });
    expect(j.currentLsn).toBe(0);
    expect(j.appendCommand(0, ['SET', 'a', '1'])).toBe(1);
    expect(j.appendCommand(2, ['DEL', 'b'], 7)).toBe(2);
    expect(j.appendExec(7)).toBe(3);
    expect(j.appendBarrier(0, ['FLUSHALL'], 8)).toBe(4);
    expect(j.currentLsn).toBe(4);
    expect(j.backlogRecords).toBe(4);
    expect(decodeRecords(j.readFrom(2) as Buffer)).toEqual([
      { lsn: 2, kind: 'command', dbIndex: 2, txid: 7, argv: ['DEL', 'b'] },
      { lsn: 3, kind: 'exec', dbIndex: 0, txid: 7, argv: [] },
      { lsn: 4, kind: 'barrier', dbIndex: 0, txid: 8, argv: ['FLUSHALL'] },
    ]);
    expect(j.readFrom(5)).toEqual(Buffer.alloc(0));
    expect(j.readFrom(6)).toBeNull();
    expect(j.readFrom(0)).toBeNull();
  });

  it('answers null once the wanted LSN has left the ring', () => {
    const j = new ShardJournal(0, { maxBytes: 200 });
    for (let i = 0; i < 50; i++) j.appendCommand(0, ['SET', 'key', String(i)]);
    expect(j.backlogBytes).toBeLessThanOrEqual(200);
    expect(j.readFrom(1)).toBeNull();
    const first = j.backlogFirstLsn;
    expect(first).toBeGreaterThan(1);
    const records = decodeRecords(j.readFrom(first) as Buffer);
    expect(records.map((r) => r.lsn)).toEqual(Array.from({ length: 51 - first }, (_, i) => first + i));
    expect(j.readFrom(first - 1)).toBeNull();
  });

  it('hands every record to the subscribers synchronously and in order, with its frame', () => {
    const j = new ShardJournal(3, { maxBytes: 4096 });
    const a = new Recorder();
    const b = new Recorder();
    j.subscribe(a);
    j.subscribe(b);
    j.subscribe(a); // twice: still once
    j.appendCommand(0, ['SET', 'k', 'v']);
    expect(a.records).toHaveLength(1);
    j.ping();
    j.appendCommand(1, ['INCR', 'n']);
    expect(a.records.map((r) => [r.kind, r.lsn])).toEqual([
      ['command', 1],
      ['ping', 1],
      ['command', 2],
    ]);
    expect(b.records).toEqual(a.records);
    for (let i = 0; i < a.records.length; i++) expect(decodeRecords(a.frames[i])).toEqual([a.records[i]]);
    j.unsubscribe(b);
    j.appendExec(1);
    expect(a.records).toHaveLength(4);
    expect(b.records).toHaveLength(3);
    expect(j.subscriberCount).toBe(1);
  });

  it('does not keep pings, nor give them an LSN', () => {
    const j = new ShardJournal(0, { maxBytes: 4096 });
    j.ping();
    j.appendCommand(0, ['DEL', 'k']);
    j.ping();
    expect(j.currentLsn).toBe(1);
    expect(j.backlogRecords).toBe(1);
    expect(decodeRecords(j.readFrom(1) as Buffer)).toHaveLength(1);
  });

  it('a subscriber dropped by an earlier one during a notification gets nothing more', () => {
    const j = new ShardJournal(0, { maxBytes: 4096 });
    const late = new Recorder();
    const dropper: JournalSubscriber = { onRecord: () => j.unsubscribe(late) };
    j.subscribe(dropper);
    j.subscribe(late);
    j.appendCommand(0, ['DEL', 'k']);
    expect(late.records).toEqual([]);
  });

  it('refuses an append from inside a subscriber, and recovers after', () => {
    const j = new ShardJournal(0, { maxBytes: 4096 });
    const errors: unknown[] = [];
    const reentrant: JournalSubscriber = {
      onRecord: (r) => {
        if (r.lsn !== 1) return;
        try {
          j.appendCommand(0, ['DEL', 'x']);
        } catch (e) {
          errors.push(e);
        }
      },
    };
    j.subscribe(reentrant);
    j.appendCommand(0, ['DEL', 'k']);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/inside a journal subscriber/);
    expect(j.appendCommand(0, ['DEL', 'k'])).toBe(2);
  });

  it('takes no LSN for a malformed record', () => {
    const j = new ShardJournal(0, { maxBytes: 4096 });
    expect(() => j.appendCommand(0, [])).toThrow(RangeError);
    expect(() => j.appendExec(0)).toThrow(RangeError);
    expect(() => j.appendCommand(-1, ['DEL', 'k'])).toThrow(RangeError);
    expect(j.currentLsn).toBe(0);
    expect(j.appendCommand(0, ['DEL', 'k'])).toBe(1);
  });

  it('continues from a given LSN, and reset() adopts a new position', () => {
    const j = new ShardJournal(0, { maxBytes: 4096, currentLsn: 99 });
    expect(j.appendCommand(0, ['DEL', 'k'])).toBe(100);
    j.reset(1000);
    expect(j.currentLsn).toBe(1000);
    expect(j.backlogRecords).toBe(0);
    expect(j.readFrom(100)).toBeNull();
    expect(j.readFrom(1001)).toEqual(Buffer.alloc(0));
    expect(j.appendCommand(0, ['DEL', 'k'])).toBe(1001);
    expect(() => j.reset(-1)).toThrow(RangeError);
  });

  it('setMaxBytes() rebounds the backlog', () => {
    const j = new ShardJournal(0, { maxBytes: 4096 });
    for (let i = 0; i < 10; i++) j.appendCommand(0, ['SET', 'k', 'v']);
    j.setMaxBytes(60);
    expect(j.maxBytes).toBe(60);
    expect(j.backlogBytes).toBeLessThanOrEqual(60);
    expect(j.backlogRecords).toBeGreaterThan(0);
    expect(decodeRecords(j.readFrom(j.backlogFirstLsn) as Buffer).at(-1)?.lsn).toBe(10);
  });

  it('carries binary arguments and big records intact', () => {
    const j = new ShardJournal(0, { maxBytes: 1024 });
    const big = 'v\r\n\x00\xff'.repeat(100_000);
    j.appendCommand(0, ['SET', '\x00\r\n', big]);
    const [record] = decodeRecords(j.readFrom(1) as Buffer);
    expect(record.argv).toEqual(['SET', '\x00\r\n', big]);
    j.appendCommand(0, ['DEL', 'k']);
    expect(j.readFrom(1)).toBeNull();
    expect(decodeRecords(j.readFrom(2) as Buffer)).toHaveLength(1);
  });
});
