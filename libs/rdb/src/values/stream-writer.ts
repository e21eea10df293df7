/**
 * A stream as Redis saves it (type 19 in RDB 10, 15 in RDB 9):
 *   node count; per node its 16-byte big-endian master ID and its listpack;
 *   length, last ID; [10: first ID, max deleted ID, entries added];
 *   group count; per group: name, last ID, [10: entries read], PEL (count; 16-byte ID, delivery time as 8-byte
 *   LE ms, delivery count), consumers (count; name, seen time, own PEL as 16-byte IDs).
 * A node's listpack: live count, deleted count, master field count, master fields, 0; then per entry: flags
 * (1 deleted, 2 same fields), ms and seq deltas to the master ID, [field count, field/value pairs | values],
 * and the entry's element count.
 */
import type { RedisStream, StreamId, StreamNode } from '@drake/storage';
import type { ByteWriter } from '../byte-writer';
import { writeLength, writeLengthU64, writeRdbString, writeRdbStringBytes } from '../rdb-encoding';
import { ListpackWriter } from './listpack';
import type { ValueWriteOptions } from './write-options';

const FLAG_DELETED = 1;
const FLAG_SAMEFIELDS = 2;

const listpack = new ListpackWriter(4096);
const idBytes = Buffer.alloc(16);
const timeBytes = Buffer.alloc(8);

/** A uint64 half of an ID as a bigint. */
function big(x: number | bigint): bigint {
  return typeof x === 'bigint' ? x : BigInt(x);
}

/** (a - b) mod 2^64 as a signed 64-bit value: how entries store their ID relative to the master ID. */
function delta(a: number | bigint, b: number | bigint): number | bigint {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const d = BigInt.asIntN(64, big(a) - big(b));
  return d >= -BigInt(Number.MAX_SAFE_INTEGER) && d <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(d) : d;
}

/** The 16-byte big-endian rax key of an ID. */
export function streamIdBytes(id: StreamId, out: Buffer = idBytes): Buffer {
  out.writeBigUInt64BE(big(id.ms), 0);
  out.writeBigUInt64BE(big(id.seq), 8);
  return out;
}

/** The listpack of one node, as Redis holds it. The view is valid until the next call. */
export function streamNodeListpack(node: StreamNode): Buffer {
  const lp = listpack;
  lp.reset();
  lp.appendInteger(node.live);
  lp.appendInteger(node.deleted);
  lp.appendInteger(node.masterFields.length);
  for (const f of node.masterFields) lp.appendString(f);
  lp.appendInteger(0);
  for (let e = 0; e < node.size; e++) {
    const sameFields = node.hasSameFields(e);
    lp.appendInteger((node.isDeleted(e) ? FLAG_DELETED : 0) | (sameFields ? FLAG_SAMEFIELDS : 0));
    lp.appendInteger(delta(node.msAt(e), node.ms));
    lp.appendInteger(delta(node.seqAt(e), node.seq));
    const pairs = node.pairsOf(e);
    const n = pairs.length >>> 1;
    if (sameFields) {
      for (let k = 1; k < pairs.length; k += 2) lp.appendString(pairs[k]);
    } else {
      lp.appendInteger(n);
      for (const s of pairs) lp.appendString(s);
    }
    lp.appendInteger(sameFields ? n + 3 : 2 * n + 4);
  }
  return lp.finish();
}

function writeId(w: ByteWriter, id: StreamId): void {
  writeLengthU64(w, id.ms);
  writeLengthU64(w, id.seq);
}

function writeMs(w: ByteWriter, ms: number): void {
  timeBytes.writeBigInt64LE(BigInt(ms), 0);
  w.writeBytes(timeBytes);
}

export function writeStream(w: ByteWriter, stream: RedisStream, opts: ValueWriteOptions): void {
  const v7 = opts.version >= 10;
  writeLength(w, stream.nodeCount);
  for (const node of stream.nodes()) {
    writeRdbStringBytes(w, streamIdBytes(node), opts.compress);
    writeRdbStringBytes(w, streamNodeListpack(node), opts.compress);
  }
  writeLength(w, stream.length);
  writeId(w, stream.lastId);
  if (v7) {
    writeId(w, stream.firstId);
    writeId(w, stream.maxDeletedId);
    writeLengthU64(w, stream.entriesAdded);
  }
  const groups = stream.groups();
  writeLength(w, groups.length);
  for (const g of groups) {
    writeRdbString(w, g.name, opts.compress);
    writeId(w, g.lastId);
    // entries_read is an int64 saved as a uint64 length: -1 (unknown) becomes 2^64 - 1.
    if (v7) writeLengthU64(w, BigInt.asUintN(64, big(g.entriesRead)));
    writeLength(w, g.pel.size);
    for (const nack of g.pel.values()) {
      w.writeBytes(streamIdBytes(nack));
      writeMs(w, nack.deliveryTime);
      writeLengthU64(w, nack.deliveryCount);
    }
    const consumers = g.consumers();
    writeLength(w, consumers.length);
    for (const c of consumers) {
      writeRdbString(w, c.name, opts.compress);
      writeMs(w, c.seenTime);
      writeLength(w, c.pel.size);
      for (const nack of c.pel.values()) w.writeBytes(streamIdBytes(nack));
    }
  }
}
