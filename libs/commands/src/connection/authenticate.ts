import type { Client } from '../client';
import { clientInfoLine } from './client-line';

/** The only user Drake has (there is no ACL SETUSER to make others). */
export const DEFAULT_USER = 'default';

/**
 * Checks a username/password pair against the default user (no password when requirepass is empty, so any
 * password passes) and marks the client authenticated. A failed attempt leaves the client as it was and goes to
 * ACL LOG, under the name of the command that made it (`argv`, AUTH or HELLO, as typed).
 */
export function authenticate(
  client: Client,
  username: string,
  password: string,
  argv: readonly string[],
): boolean {
  const required = client.server.requirePass();
  if (username !== DEFAULT_USER || (required !== '' && password !== required)) {
    const now = Date.now();
    client.server.aclLog.add({
      reason: 'auth',
      context: client.inExec ? 'multi' : 'toplevel',
      object: argv[0],
      username,
      createdMs: now,
      clientInfo: clientInfoLine(client, client, argv, now),
    });
    return false;
  }
  if (!client.authenticated) {
    client.authenticated = true;
    client.transport.updateParser();
  }
  return true;
}

/** Replaces credentials in argv so MONITOR never shows them (Redis prints "(redacted)"). */
export function redact(argv: string[], from: number, to: number): void {
  for (let i = from; i <= to && i < argv.length; i++) argv[i] = '(redacted)';
}
