import type { Client } from '../client';
import { Err } from '../errors';

/**
 * FLUSHDB/FLUSHALL take nothing or exactly one of SYNC/ASYNC. Both flush at once here (old values are left to
 * the garbage collector), so the mode only has to be valid. Replies the syntax error and returns false otherwise.
 */
export function checkFlushMode(client: Client, argv: readonly string[]): boolean {
  if (argv.length === 1) return true;
  if (argv.length === 2) {
    const mode = argv[1].toLowerCase();
    if (mode === 'sync' || mode === 'async') return true;
  }
  client.reply.error(Err.syntax);
  return false;
}
