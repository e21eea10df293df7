import type { CommandSpec } from '../command-spec';
import { RAW_COMMAND_EXTRAS } from './command-extras-data';

/**
 * What COMMAND INFO shows beyond a CommandSpec: Redis 7.0's key specs, request/response tips, and the flags Redis
 * derives (movablekeys) or that CommandFlag lacks (no_async_loading). Generated per command name from a real
 * Redis (command-extras-data.ts); commands Redis does not have get key specs derived from their key positions.
 */
export interface RawExtras {
  /** Extra flags, space separated. */
  readonly f?: string;
  /** Tips, space separated. */
  readonly t?: string;
  /** Key specs as `FLAGS|BEGIN|FIND[|notes]`: BEGIN `i<index>`, `k<keyword>,<startfrom>` or `?`;
   *  FIND `r<lastkey>,<keystep>,<limit>`, `n<keynumidx>,<firstkey>,<keystep>` or `?` (unknown). */
  readonly k?: readonly string[];
}

export type BeginSearch =
  | { readonly type: 'index'; readonly index: number }
  | { readonly type: 'keyword'; readonly keyword: string; readonly startfrom: number }
  | { readonly type: 'unknown' };

export type FindKeys =
  | { readonly type: 'range'; readonly lastkey: number; readonly keystep: number; readonly limit: number }
  | {
      readonly type: 'keynum';
      readonly keynumidx: number;
      readonly firstkey: number;
      readonly keystep: number;
    }
  | { readonly type: 'unknown' };

export interface KeySpec {
  readonly notes?: string;
  readonly flags: readonly string[];
  readonly begin: BeginSearch;
  readonly find: FindKeys;
}

export interface CommandExtras {
  readonly flags: readonly string[];
  readonly tips: readonly string[];
  readonly keySpecs: readonly KeySpec[];
}

const cache = new WeakMap<CommandSpec, CommandExtras>();

function words(s: string | undefined): string[] {
  return s === undefined || s === '' ? [] : s.split(' ');
}

function numbers(s: string): number[] {
  return s.split(',').map(Number);
}

function decodeBegin(s: string): BeginSearch {
  if (s[0] === 'i') return { type: 'index', index: Number(s.slice(1)) };
  if (s[0] === 'k') {
    const comma = s.lastIndexOf(',');
    return { type: 'keyword', keyword: s.slice(1, comma), startfrom: Number(s.slice(comma + 1)) };
  }
  return { type: 'unknown' };
}

function decodeFind(s: string): FindKeys {
  if (s[0] === 'r') {
    const [lastkey, keystep, limit] = numbers(s.slice(1));
    return { type: 'range', lastkey, keystep, limit };
  }
  if (s[0] === 'n') {
    const [keynumidx, firstkey, keystep] = numbers(s.slice(1));
    return { type: 'keynum', keynumidx, firstkey, keystep };
  }
  return { type: 'unknown' };
}

export function decodeKeySpec(encoded: string): KeySpec {
  const a = encoded.indexOf('|');
  const b = encoded.indexOf('|', a + 1);
  const c = encoded.indexOf('|', b + 1);
  const spec = {
    flags: words(encoded.slice(0, a)),
    begin: decodeBegin(encoded.slice(a + 1, b)),
    find: decodeFind(encoded.slice(b + 1, c < 0 ? undefined : c)),
  };
  return c < 0 ? spec : { notes: encoded.slice(c + 1), ...spec };
}

/** Key specs for a command Redis does not know, from its legacy first/last/step and read/write flags. */
function derivedKeySpecs(spec: CommandSpec): KeySpec[] {
  if (spec.firstKey <= 0) return [];
  const write = spec.flags.includes('write');
  const lastkey = spec.lastKey < 0 ? spec.lastKey : spec.lastKey - spec.firstKey;
  return [
    {
      flags: write ? ['RW', 'update'] : ['RO', 'access'],
      begin: { type: 'index', index: spec.firstKey },
      find: { type: 'range', lastkey, keystep: spec.keyStep || 1, limit: 0 },
    },
  ];
}

/** The extras of a command (or `parent|sub`), decoded once per spec. */
export function commandExtras(spec: CommandSpec): CommandExtras {
  let extras = cache.get(spec);
  if (extras === undefined) {
    const raw = Object.prototype.hasOwnProperty.call(RAW_COMMAND_EXTRAS, spec.name)
      ? RAW_COMMAND_EXTRAS[spec.name]
      : undefined;
    extras = {
      flags: words(raw?.f),
      tips: words(raw?.t),
      keySpecs: raw === undefined ? derivedKeySpecs(spec) : (raw.k ?? []).map(decodeKeySpec),
    };
    cache.set(spec, extras);
  }
  return extras;
}
