import { parseI64 } from '../args';
import { Err } from '../errors';
import { KeysErr } from './errors';

/**
 * Redis's getIntFromObjectOrReply for a DB index (MOVE, COPY … DB): the index, or the error text to reply.
 * A non-integer and an int32 overflow have different messages; the range check against dbnum comes after.
 */
export function parseDbIndex(text: string, dbCount: number): number | string {
  const v = parseI64(text);
  if (v === null) return Err.notInteger;
  if (v < -2147483648n || v > 2147483647n) return KeysErr.intOutOfRange;
  const index = Number(v);
  return index < 0 || index >= dbCount ? Err.dbIndexOutOfRange : index;
}
