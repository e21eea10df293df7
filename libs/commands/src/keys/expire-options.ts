import { noNewlines } from '../errors';
import { KeysErr } from './errors';
import { cString } from './lookup';

/** EXPIRE's condition bits (Redis's EXPIRE_NX/XX/GT/LT). */
export const EXPIRE_NX = 1;
export const EXPIRE_XX = 2;
export const EXPIRE_GT = 4;
export const EXPIRE_LT = 8;

function optionBit(opt: string): number {
  if (opt.length !== 2) return 0;
  switch (opt.toLowerCase()) {
    case 'nx':
      return EXPIRE_NX;
    case 'xx':
      return EXPIRE_XX;
    case 'gt':
      return EXPIRE_GT;
    case 'lt':
      return EXPIRE_LT;
    default:
      return 0;
  }
}

/**
 * Parses the NX|XX|GT|LT options of EXPIRE and friends from `argv[start..]`: the flag bits, or the error text.
 * Repeats are allowed; an unknown word is reported first, then the incompatible combinations (Redis's order).
 */
export function parseExpireOptions(argv: readonly string[], start: number): number | string {
  let flags = 0;
  for (let j = start; j < argv.length; j++) {
    const opt = cString(argv[j]);
    const bit = optionBit(opt);
    if (bit === 0) return noNewlines(`ERR Unsupported option ${opt}`);
    flags |= bit;
  }
  if ((flags & EXPIRE_NX) !== 0 && (flags & (EXPIRE_XX | EXPIRE_GT | EXPIRE_LT)) !== 0)
    return KeysErr.nxAndOthers;
  if ((flags & EXPIRE_GT) !== 0 && (flags & EXPIRE_LT) !== 0) return KeysErr.gtAndLt;
  return flags;
}

/**
 * Whether the conditions allow replacing `current` (absolute ms, -1 = no TTL) by `when`. A key without a TTL
 * counts as an infinite TTL: GT never beats it, LT always does.
 */
export function expireConditionsHold(flags: number, current: number, when: number): boolean {
  if ((flags & EXPIRE_NX) !== 0 && current !== -1) return false;
  if ((flags & EXPIRE_XX) !== 0 && current === -1) return false;
  if ((flags & EXPIRE_GT) !== 0 && (current === -1 || when <= current)) return false;
  if ((flags & EXPIRE_LT) !== 0 && current !== -1 && when >= current) return false;
  return true;
}
