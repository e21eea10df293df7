import { Journal } from './journal';
import { decodeRecords } from './journal-decoder';

describe('Journal', () => {
  it('has one shard journal per shard, each numbering on its own', () => {
    const journal = new Journal({ shardCount: 3, maxBytes: 1024 });
    expect(journal.shardCount).toBe(3);
    expect(journal.shard(1).shardId).toBe(1);
    journal.shard(0).appendCommand(0, ['DEL', 'a']);
    journal.shard(0).appendCommand(0, ['DEL', 'b']);
    journal.shard(2).appendCommand(0, ['DEL', 'c']);
    expect(journal.currentLsns()).toEqual([2, 0, 1]);
    expect(() => journal.shard(3)).toThrow(RangeError);
  });

  it('puts a barrier on every shard under one fresh txid', () => {
    const journal = new Journal({ shardCount: 2, maxBytes: 1024 });
    journal.shard(1).appendCommand(0, ['DEL', 'a']);
    const txid = journal.appendBarrier(4, ['FLUSHDB']);
    expect(txid).toBeGreaterThan(0);
    expect(decodeRecords(journal.shard(0).readFrom(1) as Buffer)).toEqual([
      { lsn: 1, kind: 'barrier', dbIndex: 4, txid, argv: ['FLUSHDB'] },
    ]);
    expect(decodeRecords(journal.shard(1).readFrom(2) as Buffer)).toEqual([
      { lsn: 2, kind: 'barrier', dbIndex: 4, txid, argv: ['FLUSHDB'] },
    ]);
    expect(journal.nextTxid()).toBe(txid + 1);
  });

  it('pings every shard and rebounds every backlog', () => {
    const journal = new Journal({ shardCount: 2, maxBytes: 1024 });
    const seen: number[] = [];
    for (const shard of journal.shards)
      shard.subscribe({ onRecord: (r) => seen.push(r.kind === 'ping' ? 1 : 0) });
    journal.ping();
    expect(seen).toEqual([1, 1]);
    journal.setMaxBytes(10);
    expect(journal.shards.map((s) => s.maxBytes)).toEqual([10, 10]);
  });

  it('rejects a bad shard count', () => {
    expect(() => new Journal({ shardCount: 0, maxBytes: 1 })).toThrow(RangeError);
  });
});
