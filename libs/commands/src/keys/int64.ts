import type { ReplyWriter } from '@drake/resp';

export const I64_MAX = 9223372036854775807n;
export const I64_MIN = -9223372036854775808n;

/**
 * Replies a 64-bit integer held as a double. Times beyond 2^53 ms are stored rounded, and the rounding can land
 * on 2^63; Redis can never answer above 2^63-1, so the value is clamped there.
 */
export function replyInt64(reply: ReplyWriter, n: number): void {
  if (Number.isSafeInteger(n)) {
    reply.integer(n);
    return;
  }
  let big = BigInt(Math.trunc(n));
  if (big > I64_MAX) big = I64_MAX;
  else if (big < I64_MIN) big = I64_MIN;
  reply.integerBig(big);
}
