import type { Client } from '../client';
import { defineCommand, type CommandSpec } from '../command-spec';
import { defineContainer, defineHelpSubcommand } from './help';

const HELP = [
  'LIST',
  '    The loaded modules (Drake loads none).',
  'LOAD <path> [<arg> ...]',
  '    Load the module library at <path>, with optional arguments.',
  'LOADEX <path> [[CONFIG NAME VALUE] [CONFIG NAME VALUE]] [ARGS ...]',
  '    Load the module library at <path>, with configurations and optional arguments.',
  'UNLOAD <name>',
  '    Unload a module.',
];

/** Redis's reply to a load that failed; its log says why. */
const LOAD_FAILED = 'ERR Error loading the extension. Please check the server logs.';

const moduleListCommand = defineCommand({
  name: 'module|list',
  arity: 2,
  flags: ['admin', 'noscript'],
  categories: ['admin', 'slow', 'dangerous'],
  group: 'server',
  summary: 'List all modules loaded by the server',
  since: '4.0.0',
  complexity: 'O(N) where N is the number of loaded modules.',
  execute(client: Client): void {
    client.reply.array(0);
  },
});

/**
 * MODULE LOAD and LOADEX, once enable-module-command lets the client through: Redis modules are native libraries
 * written against Redis's C API, which a JavaScript server cannot run, so the load fails as a failed load does in
 * Redis, and the log says why.
 */
function moduleLoadCommand(sub: 'load' | 'loadex', summary: string, since: string): CommandSpec {
  return defineCommand({
    name: `module|${sub}`,
    arity: -3,
    flags: ['admin', 'noscript', 'no_async_loading'],
    categories: ['admin', 'slow', 'dangerous'],
    group: 'server',
    summary,
    since,
    complexity: 'O(1)',
    execute(client: Client, argv: string[]): void {
      client.server.logger.warn(
        { module: argv[2] },
        "MODULE: Drake cannot load Redis modules (native libraries written for Redis's C API)",
      );
      client.reply.error(LOAD_FAILED);
    },
  });
}

const moduleUnloadCommand = defineCommand({
  name: 'module|unload',
  arity: 3,
  flags: ['admin', 'noscript', 'no_async_loading'],
  categories: ['admin', 'slow', 'dangerous'],
  group: 'server',
  summary: 'Unload a module',
  since: '4.0.0',
  complexity: 'O(1)',
  execute(client: Client): void {
    client.reply.error('ERR Error unloading module: no such module with that name');
  },
});

/** MODULE on a server that has no modules: LIST is empty, LOAD fails, UNLOAD finds nothing. */
export const moduleCommand = defineContainer({
  name: 'module',
  summary: 'A container for module commands',
  since: '4.0.0',
  // In the order Redis 7.0's COMMAND lists them (its subcommand table's hash order).
  subcommands: [
    defineHelpSubcommand('module', '5.0.0', HELP),
    moduleListCommand,
    moduleLoadCommand('load', 'Load a module', '4.0.0'),
    moduleLoadCommand('loadex', 'Load a module with extended parameters', '7.0.0'),
    moduleUnloadCommand,
  ],
});
