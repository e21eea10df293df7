import type { Client } from '../client';

/** The only user Drake has; ACL users are not supported. */
export const DEFAULT_USER = 'default';

/**
 * Checks a username/password pair against the default user (no password when requirepass is empty, so any
 * password passes) and marks the client authenticated. A failed attempt leaves the client as it was.
 */
export function authenticate(client: Client, username: string, password: string): boolean {
  if (username !== DEFAULT_USER) return false;
  const required = client.server.requirePass();
  if (required !== '' && password !== required) return false;
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
