import { constants } from 'node:buffer';
import type { Client } from '../client';
import { Err } from '../errors';

const DEFAULT_PROTO_MAX_BULK_LEN = 536870912;

/** The longest string V8 can hold (2^29-24 on 64-bit): a hard ceiling below Redis's 512MB default. */
const MAX_JS_STRING = constants.MAX_STRING_LENGTH;

/** proto-max-bulk-len as configured (CONFIG SET may change it), the largest string a command may build. */
export function protoMaxBulkLen(client: Client): number {
  const text = client.server.config.lookup('proto-max-bulk-len')?.get();
  if (text === undefined) return DEFAULT_PROTO_MAX_BULK_LEN;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? n : DEFAULT_PROTO_MAX_BULK_LEN;
}

/**
 * Redis's checkStringLength: replies the error and returns false when `size + append` bytes would exceed
 * proto-max-bulk-len (or what a JS string can hold).
 */
export function checkStringLength(client: Client, size: number, append: number): boolean {
  const total = size + append;
  if (total > protoMaxBulkLen(client) || total > MAX_JS_STRING) {
    client.reply.error(Err.stringTooLong);
    return false;
  }
  return true;
}
