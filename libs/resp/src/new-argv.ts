/** Slots reserved at a frame's header, before any argument arrives: a claimed count costs at most this many. */
const ARGV_RESERVE_MAX = 64;

/** BLANKS[n]: n empty strings, built by push so they are plain packed arrays (array literals share a COW store). */
const BLANKS: string[][] = [];
for (let n = 0; n <= ARGV_RESERVE_MAX; n++) {
  const blank: string[] = [];
  for (let i = 0; i < n; i++) blank.push('');
  BLANKS.push(blank);
}

/**
 * An array for a command's `n` arguments, filled by index through putArg. It is a copy of a blank array of exactly
 * n slots (up to ARGV_RESERVE_MAX; larger frames grow as their arguments arrive): stores into it stay in bounds,
 * so the parsers' store site never takes V8's grow or copy-on-write paths. Growing `[]` arrays there made that
 * site megamorphic and cost a 21-argument MSET 0.9 µs in the runtime; array literals carry a copy-on-write store
 * that the first write copies.
 */
export function newArgv(n: number): string[] {
  return BLANKS[n < ARGV_RESERVE_MAX ? n : ARGV_RESERVE_MAX].slice();
}

/** Stores argument `index` of a frame of `total` arguments; an array that is full first grows (doubling, to total). */
export function putArg(argv: string[], index: number, total: number, arg: string): void {
  if (index === argv.length) growArgv(argv, total);
  argv[index] = arg;
}

function growArgv(argv: string[], total: number): void {
  const target = Math.min(total, argv.length * 2);
  while (argv.length < target) argv.push('');
}

/** An argument array for "no frame in progress": never written (a frame's header installs a fresh array first). */
export const NO_ARGS: readonly string[] = [];
