import type { CommandSpec } from '../command-spec';
import { parseInteger } from '../args';
import { commandExtras, type KeySpec } from './command-extras';

export interface KeyReference {
  /** Index into the command's argv. */
  readonly pos: number;
  readonly flags: readonly string[];
}

function isRealKey(keySpec: KeySpec): boolean {
  return !keySpec.flags.includes('not_key');
}

/** True when COMMAND GETKEYS can say something about the command (it has a key spec that names real keys). */
export function commandHasKeys(spec: CommandSpec): boolean {
  return commandExtras(spec).keySpecs.some(isRealKey);
}

/** Where the spec's keys start in argv, or 0 when its keyword is absent (the spec then names no key). */
function beginIndex(keySpec: KeySpec, argv: readonly string[]): number {
  const begin = keySpec.begin;
  if (begin.type === 'index') return begin.index;
  if (begin.type !== 'keyword') return -1;
  const argc = argv.length;
  const start = begin.startfrom > 0 ? begin.startfrom : argc + begin.startfrom;
  const end = begin.startfrom > 0 ? argc - 1 : 1;
  const keyword = begin.keyword.toLowerCase();
  for (let i = start; i !== end; i = start <= end ? i + 1 : i - 1) {
    if (i >= argc || i < 1) break;
    if (argv[i].toLowerCase() === keyword) return i + 1;
  }
  return 0;
}

/** [first, last, step] of the keys a spec names from `first`, or null when the arguments cannot hold them. */
function keyRange(keySpec: KeySpec, first: number, argv: readonly string[]): [number, number, number] | null {
  const argc = argv.length;
  const find = keySpec.find;
  let last: number;
  let step: number;
  if (find.type === 'range') {
    step = find.keystep;
    if (find.lastkey >= 0) last = first + find.lastkey;
    else if (find.limit === 0) last = argc + find.lastkey;
    else last = first + (Math.floor((argc - first) / find.limit) + find.lastkey);
  } else if (find.type === 'keynum') {
    step = find.keystep;
    if (first + find.keynumidx >= argc) return null;
    const numkeys = parseInteger(argv[first + find.keynumidx]);
    if (numkeys === null || numkeys < 0) return null;
    first += find.firstkey;
    last = first + numkeys - 1;
  } else {
    return null;
  }
  if (last >= argc || last < first || first >= argc) return null;
  return [first, last, step];
}

/** Commands whose key flags depend on their arguments (Redis computes them in code, not in the key spec). */
const VARIABLE_FLAGS = new Map<string, (argv: readonly string[]) => readonly string[]>([
  ['set', (argv) => (hasWord(argv, 3, 'get') ? ['RW', 'access', 'update'] : ['OW', 'update'])],
  ['bitfield', (argv) => (bitfieldIsReadOnly(argv) ? ['RO', 'access'] : ['RW', 'access', 'update'])],
]);

function hasWord(argv: readonly string[], from: number, word: string): boolean {
  for (let i = from; i < argv.length; i++) if (argv[i].toLowerCase() === word) return true;
  return false;
}

/** BITFIELD only reads when every subcommand is GET (arguments after the key come in GET/SET/INCRBY/OVERFLOW groups). */
function bitfieldIsReadOnly(argv: readonly string[]): boolean {
  for (let i = 2; i < argv.length; i++) {
    const word = argv[i].toLowerCase();
    if (word === 'set' || word === 'incrby') return false;
  }
  return true;
}

/** SORT's keys (Redis's sortGetKeys): the sorted key, and the last STORE's key, skipping LIMIT/GET/BY arguments. */
function sortKeys(argv: readonly string[]): KeyReference[] {
  const keys: KeyReference[] = [{ pos: 1, flags: ['RO', 'access'] }];
  let store = 0;
  for (let i = 2; i < argv.length; i++) {
    const word = argv[i].toLowerCase();
    if (word === 'limit') i += 2;
    else if (word === 'get' || word === 'by') i += 1;
    else if (word === 'store' && i + 1 < argv.length) store = i + 1;
  }
  if (store !== 0) keys.push({ pos: store, flags: ['OW', 'update'] });
  return keys;
}

/** Hand-written key finders Redis falls back to when a key spec's position is "unknown". */
const KEY_PROCEDURES = new Map<string, (argv: readonly string[]) => KeyReference[]>([
  ['sort', sortKeys],
  ['sort_ro', () => [{ pos: 1, flags: ['RO', 'access'] }]],
]);

/**
 * The keys of a full command line (argv[0] is the command name) found through its key specs, as Redis's
 * getKeysUsingKeySpecs does; null when a spec cannot be satisfied (Redis's "Invalid arguments"). A spec whose
 * position Redis leaves to hand-written code (type "unknown") hands the whole line to that code when Drake
 * has it (KEY_PROCEDURES), and is skipped otherwise.
 */
export function extractKeys(spec: CommandSpec, argv: readonly string[]): KeyReference[] | null {
  const keys: KeyReference[] = [];
  for (const keySpec of commandExtras(spec).keySpecs) {
    if (!isRealKey(keySpec)) continue;
    const first = beginIndex(keySpec, argv);
    if (first === 0) continue;
    if (first < 0 || keySpec.find.type === 'unknown') {
      const procedure = KEY_PROCEDURES.get(spec.name);
      if (procedure !== undefined) return procedure(argv);
      continue;
    }
    const range = keyRange(keySpec, first, argv);
    if (range === null) return null;
    const refine = keySpec.flags.includes('variable_flags') ? VARIABLE_FLAGS.get(spec.name) : undefined;
    const flags = refine === undefined ? keySpec.flags : refine(argv);
    for (let i = range[0]; i <= range[1]; i += range[2]) keys.push({ pos: i, flags });
  }
  return keys;
}
