import type { Client } from './client';

/** Redis 7.0 command flags, as COMMAND INFO reports them. `write` decides what a replica refuses and what the journal records. */
export type CommandFlag =
  | 'write'
  | 'readonly'
  | 'denyoom'
  | 'admin'
  | 'pubsub'
  | 'noscript'
  | 'blocking'
  | 'loading'
  | 'stale'
  | 'skip_monitor'
  | 'skip_slowlog'
  | 'fast'
  | 'no_auth'
  | 'may_replicate'
  | 'sentinel'
  | 'no_mandatory_keys'
  | 'no_multi'
  | 'movablekeys'
  | 'allow_busy'
  | 'no_async_loading';

/** Handler for one command. Replies go to `client.reply`; nothing is returned, so the hot path allocates nothing per call. */
export type CommandHandler = (client: Client, argv: string[]) => void;

export interface CommandSpec {
  /** Lower case; a subcommand is `parent|sub` (as Redis names it in errors and COMMAND INFO). */
  readonly name: string;
  /** Redis arity: N means exactly N arguments including the name, -N means at least N. */
  readonly arity: number;
  readonly flags: readonly CommandFlag[];
  /** 1-based key positions (0 when the command takes no key); lastKey -1 means "to the end". */
  readonly firstKey: number;
  readonly lastKey: number;
  readonly keyStep: number;
  /** ACL categories without the '@' (e.g. 'string', 'read', 'fast'). */
  readonly categories: readonly string[];
  readonly group: string;
  readonly summary: string;
  readonly since: string;
  readonly complexity?: string;
  readonly subcommands?: readonly CommandSpec[];
  readonly execute: CommandHandler;
  /**
   * Cheap whatever its arguments: flagged `fast`, or O(1) (SET's execution does not grow with its value). The
   * dispatcher times such a command with its read, not on its own (defineCommand fills it in).
   */
  readonly constantTime?: boolean;
}

export type CommandDefinition = Omit<
  CommandSpec,
  'firstKey' | 'lastKey' | 'keyStep' | 'since' | 'categories'
> & {
  firstKey?: number;
  lastKey?: number;
  keyStep?: number;
  since?: string;
  categories?: readonly string[];
};

/**
 * Fills the defaults of a command definition (no keys, since 1.0.0). Every spec gets the same properties in the
 * same order, so the dispatcher's reads of them (name, execute, fast…) meet one object shape, not dozens.
 */
export function defineCommand(def: CommandDefinition): CommandSpec {
  return {
    name: def.name.toLowerCase(),
    arity: def.arity,
    flags: def.flags,
    firstKey: def.firstKey ?? 0,
    lastKey: def.lastKey ?? 0,
    keyStep: def.keyStep ?? 0,
    categories: def.categories ?? [],
    group: def.group,
    summary: def.summary,
    since: def.since ?? '1.0.0',
    complexity: def.complexity,
    subcommands: def.subcommands,
    execute: def.execute,
    constantTime: def.flags.includes('fast') || def.complexity === 'O(1)',
  };
}

/** Whether `argc` words (the name included) fit the command's arity: exactly n, or at least -n when negative. */
export function arityAccepts(spec: CommandSpec, argc: number): boolean {
  return spec.arity > 0 ? argc === spec.arity : argc >= -spec.arity;
}

export function hasFlag(spec: CommandSpec, flag: CommandFlag): boolean {
  return spec.flags.includes(flag);
}
