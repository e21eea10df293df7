/**
 * Streams from RDB types 15 (6.2) and 19 (7.0); see stream-writer.ts for the layout. Each node's listpack is
 * validated as Redis's deep stream check does (master entry, per-entry flags, deltas, field counts and
 * element counts, nothing after the last entry) and its live/deleted counters must agree with the flags. For
 * type 15 the 7.0 fields are derived as Redis derives them: entries added = length, no deleted ID, first ID
 * = first live entry, each group's entries-read estimated from its last ID. Every PEL entry must end up owned
 * by a consumer.
 */
import { RedisStream, asSigned, streamId, u64, type StreamEntryInit, type StreamId } from '@drake/storage';
import { RdbFormatError } from '../rdb-reader';
import type { ChunkSource } from './chunk-source';
import { canonicalInt } from './int-text';
import { forEachListpackElement, type ListpackElement } from './listpack-reader';
import { RDB_TYPE_STREAM_LISTPACKS_2 } from './rdb-types';
import {
  readBlob,
  readBytes,
  readInt64LE,
  readLength,
  readLengthU64,
  readString,
  type Reading,
} from './reading';

const FLAG_DELETED = 1;
const FLAG_SAMEFIELDS = 2;
const ID_SIZE = 16;

function fail(what: string): never {
  throw new RdbFormatError(`stream integrity check failed: ${what}`);
}

/** A 16-byte big-endian stream ID. */
function decodeId(b: Buffer): StreamId {
  return streamId(u64(b.readBigUInt64BE(0)), u64(b.readBigUInt64BE(8)));
}

/** (base + delta) mod 2^64 in canonical U64 form. */
function addDelta(base: number | bigint, delta: number | bigint): number | bigint {
  if (typeof base === 'number' && typeof delta === 'number') {
    const r = base + delta;
    if (r >= 0 && r <= Number.MAX_SAFE_INTEGER) return r;
  }
  return u64(BigInt.asUintN(64, BigInt(base) + BigInt(delta)));
}

/** Walks a node listpack's elements with typed reads. */
class Elements {
  private i = 0;
  constructor(private readonly items: ListpackElement[]) {}

  get done(): boolean {
    return this.i >= this.items.length;
  }

  int(): number | bigint {
    if (this.i >= this.items.length) fail('listpack ends inside an entry');
    const e = this.items[this.i++];
    if (typeof e !== 'string') return e;
    const v = canonicalInt(e);
    if (v === null) fail('an integer field holds a string');
    return v;
  }

  /** A small non-negative count. */
  count(): number {
    const v = this.int();
    if (typeof v !== 'number' || v < 0) fail('bad count');
    return v;
  }

  str(): string {
    if (this.i >= this.items.length) fail('listpack ends inside an entry');
    const e = this.items[this.i++];
    return typeof e === 'string' ? e : String(e);
  }
}

/** Adds one node (its rax key and listpack) to the stream. */
function loadNode(stream: RedisStream, key: Buffer, blob: Buffer): void {
  if (key.length !== ID_SIZE) fail('node key is not the size of a stream ID');
  const master = decodeId(key);
  const items: ListpackElement[] = [];
  // Redis checks a stream node's listpack header only for its size, not its element count.
  forEachListpackElement(blob, (e) => items.push(e), false);
  if (items.length === 0) fail('empty listpack inside stream');
  const el = new Elements(items);
  const live = el.count();
  const deleted = el.count();
  const masterFieldCount = el.count();
  const masterFields: string[] = [];
  for (let j = 0; j < masterFieldCount; j++) masterFields.push(el.str());
  if (el.int() !== 0) fail('master entry not terminated by 0');
  const entries: StreamEntryInit[] = [];
  let liveSeen = 0;
  for (let k = 0; k < live + deleted; k++) {
    const flags = el.int();
    if (typeof flags !== 'number') fail('bad entry flags');
    const id = streamId(addDelta(master.ms, el.int()), addDelta(master.seq, el.int()));
    const sameFields = (flags & FLAG_SAMEFIELDS) !== 0;
    const pairs: string[] = [];
    let fields = masterFieldCount;
    if (sameFields) {
      for (let j = 0; j < fields; j++) pairs.push(masterFields[j], el.str());
    } else {
      fields = el.count();
      for (let j = 0; j < fields * 2; j++) pairs.push(el.str());
    }
    const lpCount = el.int();
    if (lpCount !== (sameFields ? fields + 3 : 2 * fields + 4)) fail('entry element count mismatch');
    const isDeleted = (flags & FLAG_DELETED) !== 0;
    if (!isDeleted) liveSeen++;
    entries.push({ id, pairs, deleted: isDeleted, sameFields });
  }
  if (!el.done) fail('data after the last entry');
  if (liveSeen !== live) fail('live entry count does not match the entry flags');
  try {
    stream.loadNode(master, masterFields, entries);
  } catch (e) {
    fail((e as Error).message);
  }
}

function* readId(src: ChunkSource): Reading<StreamId> {
  const ms = yield* readLengthU64(src);
  const seq = yield* readLengthU64(src);
  return streamId(ms, seq);
}

/** Consumer groups: name, last ID, [entries read], PEL, consumers. */
function* readGroups(src: ChunkSource, stream: RedisStream, v7: boolean): Reading<void> {
  let groups = yield* readLength(src);
  while (groups-- > 0) {
    const name = yield* readString(src);
    const lastId = yield* readId(src);
    const entriesRead = v7 ? asSigned(yield* readLengthU64(src)) : stream.estimateDistance(lastId);
    const group = stream.createGroup(name, lastId, entriesRead);
    if (group === null) fail(`duplicated consumer group name ${name}`);
    let pel = yield* readLength(src);
    while (pel-- > 0) {
      const id = decodeId(yield* readBytes(src, ID_SIZE));
      const time = yield* readInt64LE(src);
      const count = yield* readLengthU64(src);
      try {
        group.loadPending(id, time, count);
      } catch {
        fail('duplicated global PEL entry');
      }
    }
    let consumers = yield* readLength(src);
    while (consumers-- > 0) {
      const cname = yield* readString(src);
      const seen = yield* readInt64LE(src);
      let own = yield* readLength(src);
      const ids: StreamId[] = [];
      while (own-- > 0) ids.push(decodeId(yield* readBytes(src, ID_SIZE)));
      try {
        group.loadConsumer(cname, seen, ids);
      } catch (e) {
        fail((e as Error).message);
      }
    }
    if (!group.allPendingOwned()) fail('consumer group PEL entry without consumer');
  }
}

export function* readStream(src: ChunkSource, type: number): Reading<RedisStream> {
  const v7 = type === RDB_TYPE_STREAM_LISTPACKS_2;
  const stream = new RedisStream();
  let nodes = yield* readLength(src);
  while (nodes-- > 0) {
    const key = yield* readBlob(src);
    const blob = yield* readBlob(src);
    loadNode(stream, Buffer.from(key), blob);
  }
  const length = yield* readLength(src);
  const lastId = yield* readId(src);
  if (v7) {
    const firstId = yield* readId(src);
    const maxDeletedId = yield* readId(src);
    const entriesAdded = yield* readLengthU64(src);
    stream.loadMeta({ length, lastId, firstId, maxDeletedId, entriesAdded });
  } else {
    stream.loadMeta({ length, lastId, firstId: lastId, maxDeletedId: streamId(0, 0), entriesAdded: length });
    const first = stream.edgeId(true, true);
    stream.firstId = streamId(first.ms, first.seq);
  }
  if (length > 0 && stream.nodeCount === 0) fail('stream length inconsistent with its nodes');
  yield* readGroups(src, stream, v7);
  return stream;
}
