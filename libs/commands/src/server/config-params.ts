import { parseI64 } from '../args';
import type { ConfigParameter } from '../server-context';
import { parseMemory, toSigned64, toUnsigned64 } from './config-memory';

/** A parameter of the registry: the ConfigParameter contract plus the flags CONFIG SET checks. */
export interface RegistryParameter extends ConfigParameter {
  readonly aliases: readonly string[];
  readonly immutable: boolean;
  /** Redis 7.0 refuses these unless enable-protected-configs allows it (it does not by default). */
  readonly protected: boolean;
  /** Sets the value at start-up or from the app, bypassing immutability; returns the error text or null. */
  load(value: string): string | null;
}

export interface ParamOptions {
  readonly aliases?: readonly string[];
  readonly immutable?: boolean;
  readonly protected?: boolean;
  /**
   * get() prints a normalization of the value that loses something (notify-keyspace-events drops an n next to A):
   * raw() then returns the value as given.
   */
  readonly keepsGiven?: boolean;
}

/**
 * Parses a value (given the current one, for parameters updated piecewise) into its canonical text, or an error
 * text (Redis's wording, without the "ERR CONFIG SET failed ..." prefix).
 */
type Parser = (value: string, current: string) => { ok: string } | { error: string };

/** A parameter holding canonical text; `parse` decides what is accepted and how it reads back. */
export function parameter(
  name: string,
  initial: string,
  parse: Parser,
  options: ParamOptions = {},
): RegistryParameter {
  let current = initial;
  let given = initial;
  const load = (value: string): string | null => {
    const parsed = parse(value, current);
    if ('error' in parsed) return parsed.error;
    current = parsed.ok;
    given = value;
    return null;
  };
  return {
    name,
    aliases: options.aliases ?? [],
    immutable: options.immutable ?? false,
    protected: options.protected ?? false,
    get: () => current,
    // Only where get() normalizes with a loss: elsewhere a partial update (client-output-buffer-limit) is not the value.
    raw: options.keepsGiven === true ? () => given : undefined,
    set: (value) => (options.immutable ? "can't set immutable config" : load(value)),
    load,
  };
}

export function boolParam(name: string, initial: boolean, options?: ParamOptions): RegistryParameter {
  return parameter(name, initial ? 'yes' : 'no', parseBool, options);
}

function parseBool(value: string): { ok: string } | { error: string } {
  const v = value.toLowerCase();
  if (v === 'yes' || v === 'no') return { ok: v };
  return { error: "argument must be 'yes' or 'no'" };
}

export function stringParam(name: string, initial: string, options?: ParamOptions): RegistryParameter {
  return parameter(name, initial, (value) => ({ ok: value }), options);
}

/** One of a fixed list of words (case-insensitive, read back in lower case). */
export function enumParam(
  name: string,
  values: readonly string[],
  initial: string,
  options?: ParamOptions,
): RegistryParameter {
  const error = `argument(s) must be one of the following: ${values.join(', ')}`;
  return parameter(
    name,
    initial,
    (value) => {
      const v = value.toLowerCase();
      return values.includes(v) ? { ok: v } : { error };
    },
    options,
  );
}

/**
 * Space-separated words out of a fixed list, read back in the list's order (shutdown-on-sigint and friends).
 * Redis accepts an empty value as "no flags".
 */
export function flagsParam(
  name: string,
  values: readonly string[],
  initial: string,
  options?: ParamOptions,
): RegistryParameter {
  const error = `argument(s) must be one of the following: ${values.join(', ')}`;
  return parameter(
    name,
    initial,
    (value) => {
      const words = value === '' ? [] : value.toLowerCase().split(' ');
      if (words.some((w) => !values.includes(w))) return { error };
      return { ok: values.filter((v) => words.includes(v)).join(' ') };
    },
    options,
  );
}

export interface NumericOptions extends ParamOptions {
  readonly min: bigint;
  readonly max: bigint;
  /** Accepts memory units (1gb) and reads back in bytes. */
  readonly memory?: boolean;
  /** Also accepts `N%` (stored negative, as Redis does). */
  readonly percent?: boolean;
  /** An unsigned C type: bounds are compared on the unsigned bit pattern. */
  readonly unsigned?: boolean;
  /** Adjusts an accepted value (hz is clamped to 1..500). */
  readonly normalize?: (v: bigint) => bigint;
}

/** An integer parameter with Redis 7.0's numeric parsing, bound checks and error texts. */
export function numericParam(name: string, initial: bigint, options: NumericOptions): RegistryParameter {
  return parameter(name, renderNumeric(initial, options), (value) => parseNumeric(value, options), options);
}

function parseNumeric(value: string, o: NumericOptions): { ok: string } | { error: string } {
  let v: bigint | null = null;
  if (o.memory) {
    const m = parseMemory(value);
    if (m !== null) v = toSigned64(m);
  }
  if (v === null && o.percent && value.length > 1 && value.endsWith('%')) {
    const p = parseI64(value.slice(0, -1));
    if (p !== null && p >= 0n) v = -p;
  }
  if (v === null && !o.memory && !o.percent) v = parseI64(value);
  if (v === null) {
    if (o.memory && o.percent) return { error: 'argument must be a memory or percent value' };
    if (o.memory) return { error: 'argument must be a memory value' };
    return { error: "argument couldn't be parsed into an integer" };
  }
  const bounds = checkBounds(v, o);
  if (bounds !== null) return { error: bounds };
  return { ok: renderNumeric(o.normalize ? o.normalize(v) : v, o) };
}

function checkBounds(v: bigint, o: NumericOptions): string | null {
  if (o.unsigned) {
    const u = toUnsigned64(v);
    return u > o.max || u < o.min ? `argument must be between ${o.min} and ${o.max} inclusive` : null;
  }
  if (o.percent && v < 0n) return v < o.min ? `percentage argument must be less or equal to ${-o.min}` : null;
  return v > o.max || v < o.min ? `argument must be between ${o.min} and ${o.max} inclusive` : null;
}

function renderNumeric(v: bigint, o: NumericOptions): string {
  if (o.percent && v < 0n) return `${-v}%`;
  if (o.memory) return String(toUnsigned64(v));
  return String(v);
}
