import { parseInteger } from '../args';
import type { Client } from '../client';
import { Err } from '../errors';
import { ListErr } from './errors';
import { parseEnd } from './list-lookup';

/** The parsed tail of LMPOP/BLMPOP: `numkeys key [key ...] LEFT|RIGHT [COUNT count]`. */
export interface MpopArgs {
  readonly keys: string[];
  readonly atHead: boolean;
  readonly count: number;
}

/** Parses the LMPOP arguments starting with numkeys at `argv[at]`, or writes Redis's error and returns null. */
export function parseMpopArgs(client: Client, argv: string[], at: number): MpopArgs | null {
  const numkeys = parseInteger(argv[at]);
  if (numkeys === null || numkeys < 1) {
    client.reply.error(ListErr.numkeysNotPositive);
    return null;
  }
  const whereIndex = at + 1 + numkeys;
  const atHead = whereIndex < argv.length ? parseEnd(argv[whereIndex]) : null;
  if (atHead === null) {
    client.reply.error(Err.syntax);
    return null;
  }
  let count = -1;
  for (let j = whereIndex + 1; j < argv.length; j++) {
    if (count === -1 && argv[j].toLowerCase() === 'count' && j + 1 < argv.length) {
      const n = parseInteger(argv[++j]);
      if (n === null || n < 1) {
        client.reply.error(ListErr.mpopCountNotPositive);
        return null;
      }
      count = n;
    } else {
      client.reply.error(Err.syntax);
      return null;
    }
  }
  return { keys: argv.slice(at + 1, whereIndex), atHead, count: count === -1 ? 1 : count };
}
