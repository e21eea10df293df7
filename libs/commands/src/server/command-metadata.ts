import type { CommandSpec } from '../command-spec';
import { commandExtras } from './command-extras';

/** Flags in the order Redis 7.0 lists them; may_replicate, sentinel and only_sentinel are never shown. */
const FLAG_ORDER = [
  'write',
  'readonly',
  'denyoom',
  'module',
  'admin',
  'pubsub',
  'noscript',
  'blocking',
  'loading',
  'stale',
  'skip_monitor',
  'skip_slowlog',
  'asking',
  'fast',
  'no_auth',
  'no_mandatory_keys',
  'no_async_loading',
  'no_multi',
  'movablekeys',
  'allow_busy',
];

/** ACL categories in Redis's table order (ACL CAT). */
export const ACL_CATEGORIES = [
  'keyspace',
  'read',
  'write',
  'set',
  'sortedset',
  'list',
  'hash',
  'string',
  'bitmap',
  'hyperloglog',
  'geo',
  'stream',
  'pubsub',
  'admin',
  'fast',
  'slow',
  'blocking',
  'dangerous',
  'connection',
  'transaction',
  'scripting',
];

const flagCache = new WeakMap<CommandSpec, readonly string[]>();
const categoryCache = new WeakMap<CommandSpec, readonly string[]>();

/** The flags COMMAND INFO shows: the spec's plus the derived ones, in Redis's order. */
export function visibleFlags(spec: CommandSpec): readonly string[] {
  let flags = flagCache.get(spec);
  if (flags === undefined) {
    const all = new Set<string>([...spec.flags, ...commandExtras(spec).flags]);
    flags = FLAG_ORDER.filter((f) => all.has(f));
    flagCache.set(spec, flags);
  }
  return flags;
}

/**
 * The ACL categories (without '@') as Redis computes them: the declared ones plus those implied by the flags
 * (write, read, admin+dangerous, pubsub, fast, blocking; slow when not fast), in table order.
 */
export function aclCategories(spec: CommandSpec): readonly string[] {
  let categories = categoryCache.get(spec);
  if (categories === undefined) {
    const all = new Set<string>(spec.categories);
    const has = (f: string): boolean => (spec.flags as readonly string[]).includes(f);
    if (has('write')) all.add('write');
    if (has('readonly') && !all.has('scripting')) all.add('read');
    if (has('admin')) {
      all.add('admin');
      all.add('dangerous');
    }
    if (has('pubsub')) all.add('pubsub');
    if (has('fast')) all.add('fast');
    if (has('blocking')) all.add('blocking');
    if (!all.has('fast')) all.add('slow');
    categories = ACL_CATEGORIES.filter((c) => all.has(c));
    categoryCache.set(spec, categories);
  }
  return categories;
}

/** Every command and subcommand, parents first (COMMAND LIST, COMMAND INFO by `parent|sub`). */
export function* allSpecs(specs: Iterable<CommandSpec>): IterableIterator<CommandSpec> {
  for (const spec of specs) {
    yield spec;
    if (spec.subcommands !== undefined) yield* allSpecs(spec.subcommands);
  }
}
