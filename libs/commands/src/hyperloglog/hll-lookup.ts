import type { Value } from '@drake/storage';
import type { Client } from '../client';
import { Err } from '../errors';
import { configNumber } from '../server/config-number';
import { HllErr } from './errors';
import { Hll, isHllValue } from './hll-format';

/** Redis 7.0's default hll-sparse-max-bytes. */
const DEFAULT_SPARSE_MAX_BYTES = 3000;

/** hll-sparse-max-bytes as configured: past it a sparse HLL turns dense. */
export function sparseMaxBytes(client: Client): number {
  return configNumber(client, 'hll-sparse-max-bytes', DEFAULT_SPARSE_MAX_BYTES);
}

/**
 * The HLL held in `value` (a working copy), or null after replying WRONGTYPE: the generic one for another type,
 * HyperLogLog's own for a string that is not a valid HLL.
 */
export function hllOrReply(client: Client, value: Value): Hll | null {
  if (typeof value !== 'string') {
    client.reply.error(Err.wrongType);
    return null;
  }
  if (!isHllValue(value)) {
    client.reply.error(HllErr.notHll);
    return null;
  }
  return Hll.fromString(value);
}
