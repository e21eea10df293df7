import { readFileSync } from 'fs';
import { FLAG_SPECS, type FlagSpec } from './flag-spec';

/** A bad flag or value: start-up stops with this message. */
export class FlagError extends Error {}

export type FlagValues = Record<string, string>;

const TRUE_WORDS = new Set(['true', 'yes', '1', 'on', '']);
const FALSE_WORDS = new Set(['false', 'no', '0', 'off']);

function findSpec(name: string): FlagSpec | undefined {
  return FLAG_SPECS.find((s) => s.name === name);
}

/** Checks a value against its spec and returns it in canonical form. */
function normalize(spec: FlagSpec, raw: string, origin: string): string {
  switch (spec.type) {
    case 'int': {
      if (!/^-?\d+$/.test(raw))
        throw new FlagError(`${origin}: --${spec.name} expects an integer, got '${raw}'`);
      const n = Number(raw);
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
        throw new FlagError(
          `${origin}: --${spec.name} must be between ${spec.min} and ${spec.max}, got ${raw}`,
        );
      }
      return String(n);
    }
    case 'bool': {
      const word = raw.toLowerCase();
      if (TRUE_WORDS.has(word)) return 'true';
      if (FALSE_WORDS.has(word)) return 'false';
      throw new FlagError(`${origin}: --${spec.name} expects true or false, got '${raw}'`);
    }
    case 'octal': {
      const n = /^[0-7]{1,12}$/.test(raw) ? parseInt(raw, 8) : NaN;
      if (!(n <= (spec.max ?? Infinity))) {
        const limit = (spec.max ?? 0).toString(8);
        throw new FlagError(`${origin}: --${spec.name} expects an octal number up to ${limit}, got '${raw}'`);
      }
      return n.toString(8);
    }
    case 'enum':
      if (!spec.values?.includes(raw)) {
        throw new FlagError(
          `${origin}: --${spec.name} must be one of ${spec.values?.join(', ')}, got '${raw}'`,
        );
      }
      return raw;
    default:
      return raw;
  }
}

/** Applies `--name=value`, `--name value`, `--name` / `--noname` (booleans) and `--flagfile=path`, in order. */
function applyArgs(args: readonly string[], values: FlagValues, origin: string, depth: number): void {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const m = /^--?([A-Za-z0-9_-]+)(?:=([\s\S]*))?$/.exec(arg);
    if (!m) throw new FlagError(`${origin}: unexpected argument '${arg}' (flags look like --name=value)`);
    const name = m[1].replace(/-/g, '_');
    let value: string | undefined = m[2];
    if (name === 'flagfile') {
      if (value === undefined) value = args[++i];
      if (value === undefined) throw new FlagError(`${origin}: --flagfile needs a path`);
      applyFlagfile(value, values, depth);
      continue;
    }
    let spec = findSpec(name);
    if (spec === undefined && name.startsWith('no') && value === undefined) {
      const negated = findSpec(name.slice(2));
      if (negated?.type === 'bool') {
        values[negated.name] = 'false';
        continue;
      }
    }
    if (spec === undefined) throw new FlagError(`${origin}: unknown flag --${m[1]} (see --help)`);
    if (value === undefined) {
      if (spec.type === 'bool') value = 'true';
      else if (i + 1 < args.length) value = args[++i];
      else throw new FlagError(`${origin}: --${spec.name} needs a value`);
    }
    spec = spec as FlagSpec;
    values[spec.name] = normalize(spec, value, origin);
  }
}

function applyFlagfile(path: string, values: FlagValues, depth: number): void {
  if (depth > 8) throw new FlagError(`--flagfile=${path}: flagfiles nest too deeply`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new FlagError(`--flagfile=${path}: ${(err as Error).message}`);
  }
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  applyArgs(lines, values, `flagfile ${path}`, depth + 1);
}

/** `DRAKE_PORT=7000` sets --port; unknown DRAKE_* names are errors too, so typos do not pass silently. */
function applyEnv(env: NodeJS.ProcessEnv, values: FlagValues): void {
  for (const [key, raw] of Object.entries(env)) {
    if (!key.startsWith('DRAKE_') || raw === undefined) continue;
    const name = key.slice(6).toLowerCase();
    const spec = findSpec(name);
    if (spec === undefined) throw new FlagError(`environment: unknown flag ${key}`);
    values[spec.name] = normalize(spec, raw, `environment ${key}`);
  }
}

/** Defaults, then DRAKE_* environment variables, then the command line (later wins). */
export function parseFlags(args: readonly string[], env: NodeJS.ProcessEnv = {}): FlagValues {
  const values: FlagValues = {};
  for (const spec of FLAG_SPECS) values[spec.name] = spec.default;
  applyEnv(env, values);
  applyArgs(args, values, 'command line', 0);
  return values;
}

export function flagsHelp(): string {
  const lines = FLAG_SPECS.map(
    (s) => `  --${s.name.padEnd(22)} ${s.help} (default: ${JSON.stringify(s.default)})`,
  );
  return ['Usage: drake-server [--flag=value ...] [--flagfile=path]', '', 'Flags:', ...lines, ''].join('\n');
}
