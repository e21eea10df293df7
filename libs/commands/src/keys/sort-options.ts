import { parseInteger } from '../args';
import type { Client } from '../client';
import { Err } from '../errors';

/** SORT's options as Redis's parser leaves them. */
export interface SortOptions {
  desc: boolean;
  alpha: boolean;
  /** LIMIT offset and count as given (clamped later against the length); 0 and -1 without LIMIT. */
  offset: number;
  count: number;
  /** STORE destination (the last one given), or null. */
  store: string | null;
  /** BY pattern (the last one given), or null. */
  by: string | null;
  /** Set by any BY whose pattern has no '*' (even when a later BY has one): nothing is sorted. */
  dontSort: boolean;
  /** GET patterns, in order. */
  gets: string[];
}

/** The position of `ch` in `s` read as a C string (up to its first NUL), or -1. */
export function cIndexOf(s: string, ch: string, from = 0): number {
  const at = s.indexOf(ch, from);
  if (at < 0) return -1;
  const nul = s.indexOf('\0', from);
  return nul >= 0 && nul < at ? -1 : at;
}

/**
 * Parses argv[2..] in Redis's order: ASC, DESC, ALPHA, LIMIT offset count, STORE key (SORT only), BY pattern,
 * GET pattern, case-insensitive, the last one winning. Replies the error and returns null on a bad option or
 * LIMIT value.
 */
export function parseSortOptions(client: Client, argv: string[], readonly: boolean): SortOptions | null {
  const options: SortOptions = {
    desc: false,
    alpha: false,
    offset: 0,
    count: -1,
    store: null,
    by: null,
    dontSort: false,
    gets: [],
  };
  for (let j = 2; j < argv.length; j++) {
    const left = argv.length - j - 1;
    const opt = argv[j].toLowerCase();
    if (opt === 'asc') {
      options.desc = false;
    } else if (opt === 'desc') {
      options.desc = true;
    } else if (opt === 'alpha') {
      options.alpha = true;
    } else if (opt === 'limit' && left >= 2) {
      const offset = parseInteger(argv[j + 1]);
      const count = offset === null ? null : parseInteger(argv[j + 2]);
      if (offset === null || count === null) {
        client.reply.error(Err.notInteger);
        return null;
      }
      options.offset = offset;
      options.count = count;
      j += 2;
    } else if (!readonly && opt === 'store' && left >= 1) {
      options.store = argv[++j];
    } else if (opt === 'by' && left >= 1) {
      options.by = argv[++j];
      // A pattern without '*' names one key for all elements: there is nothing to sort by.
      if (cIndexOf(options.by, '*') < 0) options.dontSort = true;
    } else if (opt === 'get' && left >= 1) {
      options.gets.push(argv[++j]);
    } else {
      client.reply.error(Err.syntax);
      return null;
    }
  }
  return options;
}
