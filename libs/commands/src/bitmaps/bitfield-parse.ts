import type { Client } from '../client';
import { parseI64 } from '../args';
import { Err } from '../errors';
import { isWord, parseBitfieldType, parseBitOffset } from './bit-args';
import { Overflow } from './bitfield-int';
import { BitErr } from './errors';

/**
 * BITFIELD's subcommands parsed in Redis's order: per subcommand its name (GET needs 2 more arguments, SET and
 * INCRBY 3, OVERFLOW 1, else a syntax error), the type, the offset, then the value; OVERFLOW applies to the
 * SET/INCRBY that follow it.
 */
export enum OpCode {
  Get,
  Set,
  Incrby,
}

export interface FieldOp {
  code: OpCode;
  offset: number;
  /** Field width; negative for a signed field. */
  type: number;
  value: bigint;
  overflow: Overflow;
}

export interface ParsedOps {
  ops: FieldOp[];
  readonly: boolean;
  /** The last bit a SET/INCRBY writes (the string grows to hold it). */
  highestBit: number;
}

/** Parses every subcommand; null after an error reply. */
export function parseFieldOps(client: Client, argv: string[]): ParsedOps | null {
  const ops: FieldOp[] = [];
  let overflow = Overflow.Wrap;
  let readonly = true;
  let highestBit = 0;
  for (let j = 2; j < argv.length; j++) {
    const remaining = argv.length - j - 1;
    const sub = argv[j];
    let code: OpCode;
    if (isWord(sub, 'get') && remaining >= 2) code = OpCode.Get;
    else if (isWord(sub, 'set') && remaining >= 3) code = OpCode.Set;
    else if (isWord(sub, 'incrby') && remaining >= 3) code = OpCode.Incrby;
    else if (isWord(sub, 'overflow') && remaining >= 1) {
      const mode = parseOverflow(argv[++j]);
      if (mode === null) {
        client.reply.error(BitErr.overflowType);
        return null;
      }
      overflow = mode;
      continue;
    } else {
      client.reply.error(Err.syntax);
      return null;
    }
    const type = parseBitfieldType(client, argv[j + 1]);
    if (type === 0) return null;
    const bits = Math.abs(type);
    const offset = parseBitOffset(client, argv[j + 2], bits);
    if (offset === null) return null;
    let value = 0n;
    if (code !== OpCode.Get) {
      readonly = false;
      highestBit = Math.max(highestBit, offset + bits - 1);
      const parsedValue = parseI64(argv[j + 3]);
      if (parsedValue === null) {
        client.reply.error(Err.notInteger);
        return null;
      }
      value = parsedValue;
    }
    ops.push({ code, offset, type, value, overflow });
    j += code === OpCode.Get ? 2 : 3;
  }
  return { ops, readonly, highestBit };
}

function parseOverflow(arg: string): Overflow | null {
  if (isWord(arg, 'wrap')) return Overflow.Wrap;
  if (isWord(arg, 'sat')) return Overflow.Sat;
  if (isWord(arg, 'fail')) return Overflow.Fail;
  return null;
}
