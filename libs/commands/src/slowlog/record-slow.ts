import type { Client } from '../client';

/**
 * Puts a command that reached slowlog-log-slower-than into the slow log, with its arguments as they are after it
 * ran (credentials redacted). A command that blocked its client goes in once the client is woken, as in Redis.
 */
export function recordSlow(client: Client, argv: string[], durationUs: number): void {
  if (client.blocked !== null) {
    client.slowlogPending = { argv, durationUs };
    return;
  }
  client.server.slowlog.record(argv, durationUs, client.transport.remoteAddress, client.name);
}
