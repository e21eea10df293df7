import { isInt64Text } from '../int64-text';

/**
 * Byte sizes of listpack elements, as Redis 7.0's listpack.c encodes them. A stream node is a listpack in Redis,
 * and when XADD opens a new node depends on the node's byte size (stream-node-max-bytes), so Drake keeps the
 * exact size each node would have without building the bytes.
 */

/** The size of an element's back-length field for an element of `len` encoded bytes. */
export function lpBacklenSize(len: number): number {
  if (len <= 127) return 1;
  if (len < 16383) return 2;
  if (len < 2097151) return 3;
  if (len < 268435455) return 4;
  return 5;
}

/** Encoded bytes of an integer element (without the back-length). */
function intEncodedSize(v: number): number {
  if (v >= 0 && v <= 127) return 1;
  if (v >= -4096 && v <= 4095) return 2;
  if (v >= -32768 && v <= 32767) return 3;
  if (v >= -8388608 && v <= 8388607) return 4;
  if (v >= -2147483648 && v <= 2147483647) return 5;
  return 9;
}

/** Total bytes of an integer element (lpAppendInteger); bigints are beyond 32 bits by construction. */
export function lpIntSize(v: number | bigint): number {
  // An integer's encoding is at most 9 bytes, so its back-length is always 1 byte.
  return (typeof v === 'bigint' ? 9 : intEncodedSize(v)) + 1;
}

/**
 * Total bytes of a string element (lpAppend): strings Redis's lpStringToInt64 accepts (canonical int64 text)
 * are stored as integers, the rest with a 6-bit, 12-bit or 32-bit length header.
 */
export function lpStringSize(s: string): number {
  const len = s.length;
  // Number() may round a 16+ digit value, but never across the 32-bit boundaries the size depends on.
  if (len <= 20 && isInt64Text(s)) return lpIntSize(Number(s));
  const encoded = (len < 64 ? 1 : len < 4096 ? 2 : 5) + len;
  return encoded + lpBacklenSize(encoded);
}

/** Header (total bytes + element count) and the end byte of an empty listpack. */
export const LP_EMPTY_SIZE = 7;
