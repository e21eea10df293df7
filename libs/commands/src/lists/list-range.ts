/**
 * Redis's range normalisation for LRANGE and LTRIM: negative indexes count from the tail, start is clamped
 * at 0 and end at length-1. Returns the first index and the element count (0 when the range is empty).
 */
export function normalizeRange(start: number, end: number, length: number): { first: number; count: number } {
  if (start < 0) start += length;
  if (end < 0) end += length;
  if (start < 0) start = 0;
  if (start > end || start >= length) return { first: 0, count: 0 };
  if (end >= length) end = length - 1;
  return { first: start, count: end - start + 1 };
}
