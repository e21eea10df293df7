import type { Client } from '../client';

/** Redis 7.0's refusal of DEBUG when enable-debug-command does not allow this client (processCommand). */
export const DEBUG_NOT_ALLOWED =
  'ERR DEBUG command not allowed. If the enable-debug-command option is set to "local", you can run it from a ' +
  'local connection, otherwise you need to set this option in the configuration file, and then restart the server.';

/**
 * Whether `enable-debug-command` lets this client run DEBUG: `yes` (Drake's default; Redis's is `no`), or `local`
 * and the client is on a loopback address, as Redis's allowProtectedAction decides.
 */
export function debugAllowed(client: Client): boolean {
  const mode = client.server.config.lookup('enable-debug-command')?.get() ?? 'yes';
  return mode === 'yes' || (mode === 'local' && isLocalClient(client));
}

/** Redis's islocalClient: the unix socket, or a TCP peer at 127.0.0.1 or ::1 (an IPv4 peer of a dual-stack socket too). */
function isLocalClient(client: Client): boolean {
  if (client.transport.unixSocket) return true;
  const address = client.transport.remoteAddress;
  const ip = address.slice(0, address.lastIndexOf(':'));
  return ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1';
}
