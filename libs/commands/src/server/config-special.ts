import { parseDouble } from '../args';
import { parseMemory } from './config-memory';

type Parsed = { ok: string } | { error: string };

const LLONG_MAX = (1n << 63n) - 1n;
const LLONG_MIN = -LLONG_MAX - 1n;

/**
 * strtoll over a whole word, as Redis checks it (end pointer at the terminator): optional leading blanks and sign,
 * decimal digits, nothing after; saturates. An empty word reads as 0 (no digits leaves the pointer at its end).
 */
function strtollWhole(word: string): bigint | null {
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d+)$/.exec(word);
  if (m === null) return word === '' ? 0n : null;
  const negative = m[1] === '-';
  const digits = m[2];
  let first = 0;
  while (first < digits.length - 1 && digits.charCodeAt(first) === 0x30) first++;
  // More than 19 significant digits is past 2^63 whatever they are: no bigint of a long word.
  if (digits.length - first > 19) return negative ? LLONG_MIN : LLONG_MAX;
  const v = BigInt(digits.slice(first));
  const signed = negative ? -v : v;
  return signed > LLONG_MAX ? LLONG_MAX : signed < LLONG_MIN ? LLONG_MIN : signed;
}

/** `save`: "<seconds> <changes> ..." pairs (seconds >= 1, changes >= 0), or "" for none. */
export function parseSaveParams(value: string): Parsed {
  const words = value === '' ? [] : value.split(' ');
  const invalid = { error: 'Invalid save parameters' };
  if (words.length % 2 !== 0) return invalid;
  const out: string[] = [];
  for (let j = 0; j < words.length; j++) {
    const v = strtollWhole(words[j]);
    if (v === null || (j % 2 === 0 && v < 1n) || (j % 2 === 1 && v < 0n)) return invalid;
    // Redis keeps the change count in an int.
    out.push(String(j % 2 === 0 ? v : BigInt.asIntN(32, v)));
  }
  return { ok: out.join(' ') };
}

/** Keyspace notification classes, in the order Redis prints them back. */
const CLASSES = 'g$lshzxetdn';
/** What 'A' stands for: every class except new-key (n); key-miss (m) is separate too. */
const ALL = 'g$lshzxetd';
/** Every letter the setting takes, in the order it prints them back after the classes. */
const FLAG_LETTERS = CLASSES + 'KEm';
/** Each letter's bit (0 for a letter the setting refuses), by char code. */
const LETTER_BITS = new Uint16Array(128);
for (let i = 0; i < FLAG_LETTERS.length; i++) LETTER_BITS[FLAG_LETTERS.charCodeAt(i)] = 1 << i;
const ALL_BITS = [...ALL].reduce((bits, c) => bits | LETTER_BITS[c.charCodeAt(0)], 0);
LETTER_BITS['A'.charCodeAt(0)] = ALL_BITS;

/** `notify-keyspace-events`: class letters, normalized as Redis prints them (e.g. "KEA" reads back "AKE"). */
export function parseNotifyKeyspaceEvents(value: string): Parsed {
  let bits = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const bit = c < 128 ? LETTER_BITS[c] : 0;
    if (bit === 0) return { error: "Invalid event class character. Use 'Ag$lshzxeKEtmdn'." };
    bits |= bit;
  }
  // Redis prints 'A' alone when every class it covers is on, dropping an 'n' given with it.
  const all = (bits & ALL_BITS) === ALL_BITS;
  let out = all ? 'A' : '';
  for (let i = 0; i < FLAG_LETTERS.length; i++) {
    const letter = FLAG_LETTERS[i];
    const isClass = i < CLASSES.length;
    if ((bits & (1 << i)) !== 0 && !(all && isClass)) out += letter;
  }
  return { ok: out };
}

const CLIENT_CLASSES = new Map([
  ['normal', 0],
  ['slave', 1],
  ['replica', 1],
  ['pubsub', 2],
]);
const CLASS_NAMES = ['normal', 'slave', 'pubsub'];

export const DEFAULT_OUTPUT_BUFFER_LIMITS =
  'normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60';

/** soft-seconds as Redis reads it: strtoll into an int, so it wraps at 32 bits and must come out >= 0. */
function softSeconds(word: string): bigint | null {
  const v = strtollWhole(word);
  if (v === null) return null;
  const seconds = BigInt.asIntN(32, v);
  return seconds < 0n ? null : seconds;
}

/**
 * `client-output-buffer-limit`: groups of "<class> <hard> <soft> <soft-seconds>" updating the named classes of
 * `current`; all groups are checked before any applies.
 */
export function parseOutputBufferLimits(value: string, current: string): Parsed {
  const words = value === '' ? [] : value.split(' ');
  if (words.length % 4 !== 0) return { error: 'Wrong number of arguments in buffer limit configuration.' };
  for (let j = 0; j < words.length; j++) {
    if (j % 4 === 0) {
      if (!CLIENT_CLASSES.has(words[j].toLowerCase()))
        return { error: 'Invalid client class specified in buffer limit configuration.' };
      continue;
    }
    if ((j % 4 === 3 ? softSeconds(words[j]) : parseMemory(words[j])) === null)
      return { error: 'Error in hard, soft or soft_seconds setting in buffer limit configuration.' };
  }
  const cur = current.split(' ');
  const limits = CLASS_NAMES.map((_, i) => cur.slice(i * 4 + 1, i * 4 + 4));
  for (let j = 0; j < words.length; j += 4) {
    const cls = CLIENT_CLASSES.get(words[j].toLowerCase()) as number;
    const seconds = softSeconds(words[j + 3]) as bigint;
    limits[cls] = [String(parseMemory(words[j + 1])), String(parseMemory(words[j + 2])), String(seconds)];
  }
  return { ok: CLASS_NAMES.map((name, i) => `${name} ${limits[i].join(' ')}`).join(' ') };
}

/**
 * `latency-tracking-info-percentiles`: space-separated numbers from 0 to 100 (none is allowed), read back as
 * Redis prints them (%f with trailing zeros trimmed: "50.50" reads back "50.5").
 */
export function parsePercentiles(value: string): Parsed {
  const out: string[] = [];
  // Split on each single space, as Redis does: two spaces in a row make an empty (invalid) word.
  for (const word of value === '' ? [] : value.split(' ')) {
    // string2d: an overflow or underflow is not a number at all.
    const p = parseDouble(word);
    if (p === null || Number.isNaN(p))
      return { error: 'Invalid latency-tracking-info-percentiles parameters' };
    if (p < 0 || p > 100)
      return { error: 'latency-tracking-info-percentiles parameters should sit between [0.0,100.0]' };
    out.push(formatPercentile(p));
  }
  return { ok: out.join(' ') };
}

/** A percentile as Redis prints it: %f with trailing zeros (and a bare point) trimmed; -0 keeps its sign. */
export function formatPercentile(p: number): string {
  const text = p.toFixed(6).replace(/\.?0+$/, '');
  return Object.is(p, -0) ? `-${text}` : text;
}
