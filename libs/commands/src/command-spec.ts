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
  /** The `fast` flag, read once per command by the dispatcher (defineCommand fills it in). */
  readonly fast?: boolean;
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

/** Fills the defaults of a command definition (no keys, since 1.0.0). */
export function defineCommand(def: CommandDefinition): CommandSpec {
  return {
    firstKey: 0,
    lastKey: 0,
    keyStep: 0,
    since: '1.0.0',
    categories: [],
    ...def,
    name: def.name.toLowerCase(),
    fast: def.flags.includes('fast'),
  };
}

export function hasFlag(spec: CommandSpec, flag: CommandFlag): boolean {
  return spec.flags.includes(flag);
}
