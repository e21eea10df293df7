/**
 * Quicklist node rules of Redis 7.0 (listpack nodes) and 6.2 (ziplist nodes), which decide where a list pushed
 * from head to tail is cut into nodes and which nodes are LZF-compressed (quicklist.c).
 */
import { lzfCompress } from '../lzf';

/** Node byte limits of fill -1 .. -5. */
const OPTIMIZATION_LEVEL = [4096, 8192, 16384, 32768, 65536];
/** A count-limited node still never grows past this many bytes. */
const SIZE_SAFETY_LIMIT = 8192;
/** 7.0 adds this much to the element length as the estimate of its entry's overhead. */
const SIZE_ESTIMATE_OVERHEAD = 8;
const FILL_MIN = -5;
const FILL_MAX = 32767;
/** Nodes below this size are not compressed; a compression must save more than MIN_COMPRESS_IMPROVE bytes. */
const MIN_COMPRESS_BYTES = 48;
const MIN_COMPRESS_IMPROVE = 8;

/** quicklistSetFill's clamp of list-max-listpack-size. */
export function clampFill(fill: number): number {
  return fill < FILL_MIN ? FILL_MIN : fill > FILL_MAX ? FILL_MAX : fill;
}

/** The shared tail of both versions' _quicklistNodeAllowInsert, given the estimated new node size. */
function allows(newSize: number, count: number, fill: number): boolean {
  if (fill < 0 && newSize <= OPTIMIZATION_LEVEL[-fill - 1]) return true;
  if (newSize > SIZE_SAFETY_LIMIT) return false;
  return count < fill;
}

/** 7.0: may an element of `len` bytes join a listpack node of `nodeBytes` bytes holding `count` elements? */
export function listpackNodeAllows(nodeBytes: number, count: number, len: number, fill: number): boolean {
  return allows(nodeBytes + len + SIZE_ESTIMATE_OVERHEAD, count, fill);
}

/** 6.2: the same question for a ziplist node, whose overhead estimate depends on the length. */
export function ziplistNodeAllows(nodeBytes: number, count: number, len: number, fill: number): boolean {
  const overhead = (len < 254 ? 1 : 5) + (len < 64 ? 1 : len < 16384 ? 2 : 5);
  return allows(nodeBytes + len + overhead, count, fill);
}

/** Whether node `index` of `nodes` is an inner node that list-compress-depth `depth` compresses. */
export function isCompressedPosition(index: number, nodes: number, depth: number): boolean {
  if (depth <= 0 || nodes < depth * 2) return false;
  return index >= depth && index < nodes - depth;
}

/** The LZF form quicklist keeps for a node blob, or null when it stays raw (too small, or saves too little). */
export function compressNodeBlob(blob: Uint8Array): Buffer | null {
  const size = blob.length;
  if (size < MIN_COMPRESS_BYTES) return null;
  const out = lzfCompress(blob, size);
  if (out === null || out.length + MIN_COMPRESS_IMPROVE >= size) return null;
  return out;
}
