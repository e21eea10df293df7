import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Err } from '../errors';
import type { ConfigParameter } from '../server-context';

interface Change {
  readonly param: ConfigParameter;
  /** The spelling Redis names in errors: the parameter's own name, or the alias the client used. */
  readonly entry: string;
  readonly value: string;
}

function entryName(param: ConfigParameter, typed: string): string {
  const lower = typed.toLowerCase();
  return param.aliases?.find((a) => a.toLowerCase() === lower) ?? param.name;
}

/** Parameters whose values never show in the slow log or MONITOR (Redis's SENSITIVE_CONFIG). */
const SENSITIVE = new Set(['requirepass', 'masterauth', 'masteruser']);

/** Redacts the values of sensitive parameters in argv, every pair, even when the command fails (as Redis does). */
function redactSensitive(client: Client, argv: string[]): void {
  for (let i = 2; i + 1 < argv.length; i += 2) {
    const param = client.server.config.lookup(argv[i]);
    if (param !== undefined && SENSITIVE.has(param.name)) argv[i + 1] = '(redacted)';
  }
}

function failed(name: string, reason: string): string {
  return `ERR CONFIG SET failed (possibly related to argument '${name}') - ${reason}`;
}

/**
 * Resolves every name/value pair before touching anything, reporting the first problem as Redis 7.0 does: an
 * unknown name, an immutable or protected parameter, or the same parameter twice. Returns the changes or null.
 */
function collect(client: Client, argv: string[]): Change[] | null {
  const changes: Change[] = [];
  let error: string | null = null;
  for (let i = 2; i < argv.length && error === null; i += 2) {
    const typed = argv[i];
    const param = client.server.config.lookup(typed);
    if (param === undefined) {
      error = `ERR Unknown option or number of arguments for CONFIG SET - '${typed}'`;
    } else if (param.immutable) {
      error = failed(typed, "can't set immutable config");
    } else if ((param as { protected?: boolean }).protected) {
      error = failed(typed, "can't set protected config");
    } else {
      const entry = entryName(param, typed);
      if (changes.some((c) => c.param === param && c.entry === entry))
        error = failed(typed, 'duplicate parameter');
      else changes.push({ param, entry, value: argv[i + 1] });
    }
  }
  if (error === null) return changes;
  client.reply.error(error);
  return null;
}

export const configSetCommand = defineCommand({
  name: 'config|set',
  arity: -4,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  categories: ['admin', 'slow', 'dangerous'],
  group: 'server',
  summary: 'Set configuration parameters to the given values',
  since: '2.0.0',
  complexity: 'O(N) when N is the number of configuration parameters provided',
  execute(client: Client, argv: string[]): void {
    if (argv.length % 2 !== 0) {
      client.reply.error(Err.syntax);
      return;
    }
    const changes = collect(client, argv);
    redactSensitive(client, argv);
    if (changes === null) return;
    // All or nothing: on a refused value, put back what was already applied.
    const backups = changes.map((c) => c.param.get());
    for (let i = 0; i < changes.length; i++) {
      const error = changes[i].param.set(changes[i].value);
      if (error !== null) {
        for (let j = i - 1; j >= 0; j--) changes[j].param.set(backups[j]);
        client.reply.error(failed(changes[i].entry, error));
        return;
      }
    }
    client.reply.ok();
  },
});
