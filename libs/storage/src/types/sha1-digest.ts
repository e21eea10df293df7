import { createHash } from 'crypto';

/**
 * The two SHA1 steps of Redis's DEBUG DIGEST, as @drake/rdb's digest.ts defines them. Storage cannot import
 * @drake/rdb (rdb loads into these types, so the dependency points the other way); these two functions are
 * the whole of what a value type needs to fold its content into a digest accumulator.
 */
function sha1(data: string): Buffer {
  return createHash('sha1').update(data, 'latin1').digest();
}

/** acc ^= SHA1(data): order-free folding (set members, hash pairs). */
export function xorSha1(acc: Buffer, data: string | Buffer): void {
  const h = typeof data === 'string' ? sha1(data) : createHash('sha1').update(data).digest();
  for (let i = 0; i < 20; i++) acc[i] ^= h[i];
}

/** acc = SHA1(acc ^ SHA1(data)): order-sensitive folding (a field then its value). */
export function mixSha1(acc: Buffer, data: string): void {
  xorSha1(acc, data);
  createHash('sha1').update(acc).digest().copy(acc);
}

/** Redis's object type codes (OBJ_SET, OBJ_HASH), the DigestValue objectType. */
export const OBJ_SET = 2;
export const OBJ_HASH = 4;
