import { RedisStream, streamId, type StreamId } from '@drake/storage';
import fc from 'fast-check';
import { ByteWriter } from '../byte-writer';
import { valueDigest } from '../digest';
import { RdbFormatError } from '../rdb-reader';
import { ChunkSource } from './chunk-source';
import { DEFAULT_LOAD_LIMITS } from './load-limits';
import { RDB_TYPE_STREAM_LISTPACKS, RDB_TYPE_STREAM_LISTPACKS_2 } from './rdb-types';
import { readAll } from './reading';
import { readValue } from './value-reader';
import { writeValue } from './value-writer';
import { writeOptions } from './write-options';

const LIMITS = { maxBytes: 4096, maxEntries: 100 };

function dump(stream: RedisStream, version: 9 | 10 = 10): Buffer {
  const w = new ByteWriter();
  writeValue(w, stream, writeOptions({ version }));
  return w.toBuffer();
}

function load(buf: Buffer): RedisStream {
  const src = ChunkSource.of(buf);
  const type = src.readByte();
  return readAll(src, readValue(src, type, DEFAULT_LOAD_LIMITS)) as RedisStream;
}

/** A stream with several nodes, mixed field sets, deletions, big IDs and two groups with pending entries. */
function sample(): RedisStream {
  const s = new RedisStream();
  for (let i = 1; i <= 250; i++)
    s.append(streamId(i, i % 3), i % 7 === 0 ? ['other', `${i}`] : ['f1', `v${i}`, 'f2', `${i}`], LIMITS);
  s.deleteEntries([streamId(5, 2), streamId(6, 0), streamId(100, 1)]);
  s.append(streamId(2n ** 64n - 2n, 5), ['a', 'b'], LIMITS);
  const g1 = s.createGroup('g1', streamId(0, 0), 0) as NonNullable<ReturnType<RedisStream['createGroup']>>;
  const alice = g1.createConsumer('alice', 1_700_000_000_000);
  const bob = g1.createConsumer('bob', 1_700_000_000_500);
  if (alice === null || bob === null) throw new Error('consumers');
  const ids: StreamId[] = [streamId(1, 1), streamId(2, 2), streamId(3, 0)];
  for (const id of ids) s.advanceGroup(g1, id);
  g1.deliver(ids[0], alice, 1_700_000_000_100);
  g1.deliver(ids[1], alice, 1_700_000_000_200);
  g1.deliver(ids[2], bob, 1_700_000_000_300);
  s.createGroup('g2', s.lastId, -1);
  return s;
}

describe('stream values', () => {
  it('round-trip byte for byte in RDB 10, with the same digest, groups and counters', () => {
    const s = sample();
    const bytes = dump(s);
    expect(bytes[0]).toBe(RDB_TYPE_STREAM_LISTPACKS_2);
    const back = load(bytes);
    expect(dump(back).equals(bytes)).toBe(true);
    expect(valueDigest(back)).toEqual(valueDigest(s));
    expect(back.length).toBe(s.length);
    expect(back.entriesAdded).toBe(s.entriesAdded);
    expect(back.maxDeletedId).toEqual(s.maxDeletedId);
    const groups = (x: RedisStream) =>
      x.groups().map((g) => [g.name, g.pel.size, g.consumerCount, g.entriesRead]);
    expect(groups(back)).toEqual(groups(s));
    expect(groups(back).map((g) => g.slice(0, 3))).toEqual([
      ['g1', 3, 2],
      ['g2', 0, 0],
    ]);
    const alice = back.group('g1')?.consumer('alice');
    expect(alice?.seenTime).toBe(1_700_000_000_000);
    expect(
      [...(alice?.pel.values() ?? [])].map((n) => [n.ms, n.seq, n.deliveryTime, n.deliveryCount]),
    ).toEqual([
      [1, 1, 1_700_000_000_100, 1],
      [2, 2, 1_700_000_000_200, 1],
    ]);
  });

  it('round-trip in RDB 9, deriving the 7.0 fields as Redis does', () => {
    const s = sample();
    const bytes = dump(s, 9);
    expect(bytes[0]).toBe(RDB_TYPE_STREAM_LISTPACKS);
    const back = load(bytes);
    expect(valueDigest(back)).toEqual(valueDigest(s));
    expect(back.entriesAdded).toBe(s.length);
    expect(back.maxDeletedId).toEqual(streamId(0, 0));
    expect(back.firstId).toEqual(streamId(1, 1));
    expect(back.group('g1')?.consumer('bob')?.pel.size).toBe(1);
  });

  it('keeps an empty stream (not an empty key)', () => {
    const s = new RedisStream();
    s.append(streamId(1, 1), ['a', 'b'], LIMITS);
    s.deleteEntries([streamId(1, 1)]);
    const back = load(dump(s));
    expect(back.length).toBe(0);
    expect(back.lastId).toEqual(streamId(1, 1));
    expect(load(dump(s, 9)).firstId).toEqual(streamId(2n ** 64n - 1n, 2n ** 64n - 1n));
  });

  it('rejects malformed streams with RdbFormatError only', () => {
    const good = dump(sample());
    fc.assert(
      fc.property(fc.nat(), fc.nat(255), fc.nat(), (at, v, cut) => {
        const b = Buffer.from(good);
        b[1 + (at % (b.length - 1))] = v;
        for (const buf of [b, good.subarray(0, 1 + (cut % (good.length - 1)))]) {
          try {
            load(buf);
          } catch (e) {
            expect(e).toBeInstanceOf(RdbFormatError);
          }
        }
      }),
      { numRuns: 1500 },
    );
  });
});
