import type { Client } from '../client';
import type { CommandSpec } from '../command-spec';

/** Redis 7.0's refusal of a protected command its enable-*-command option does not allow (processCommand). */
function notAllowed(command: string, option: string): string {
  return (
    `ERR ${command} command not allowed. If the ${option} option is set to "local", you can run it from a local ` +
    'connection, otherwise you need to set this option in the configuration file, and then restart the server.'
  );
}

export const DEBUG_NOT_ALLOWED = notAllowed('DEBUG', 'enable-debug-command');
export const MODULE_NOT_ALLOWED = notAllowed('MODULE', 'enable-module-command');

/** MODULE's subcommands Redis flags `protected`; MODULE LIST and HELP are not. */
const PROTECTED_MODULE_COMMANDS = new Set(['module|load', 'module|loadex', 'module|unload']);

/**
 * The refusal of a protected command for this client, or null: DEBUG under `enable-debug-command` (Drake's default
 * `yes`; Redis's is `no`), MODULE LOAD/LOADEX/UNLOAD under `enable-module-command` (`no`, as in Redis).
 */
export function protectedRefusal(client: Client, spec: CommandSpec): string | null {
  if (spec.name === 'debug') return allows(client, 'enable-debug-command', 'yes') ? null : DEBUG_NOT_ALLOWED;
  if (PROTECTED_MODULE_COMMANDS.has(spec.name)) {
    return allows(client, 'enable-module-command', 'no') ? null : MODULE_NOT_ALLOWED;
  }
  return null;
}

/** Redis's allowProtectedAction: `yes`, or `local` and the client is local. */
function allows(client: Client, option: string, fallback: string): boolean {
  const mode = client.server.config.lookup(option)?.get() ?? fallback;
  return mode === 'yes' || (mode === 'local' && isLocalClient(client));
}

/** Redis's islocalClient: the unix socket, or a TCP peer at 127.0.0.1 or ::1 (an IPv4 peer of a dual-stack socket too). */
function isLocalClient(client: Client): boolean {
  if (client.transport.unixSocket) return true;
  const address = client.transport.remoteAddress;
  const ip = address.slice(0, address.lastIndexOf(':'));
  return ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1';
}
