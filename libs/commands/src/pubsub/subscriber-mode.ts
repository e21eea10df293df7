import type { Client } from '../client';
import type { CommandSpec } from '../command-spec';
import { subscriberContextError } from './errors';

/** What a RESP2 client with subscriptions may still run. */
const ALLOWED = new Set([
  'ping',
  'subscribe',
  'ssubscribe',
  'unsubscribe',
  'sunsubscribe',
  'psubscribe',
  'punsubscribe',
  'quit',
  'reset',
]);

/**
 * The error for a command a subscribed RESP2 client may not run, or null. A RESP2 subscriber's connection
 * carries only pub/sub frames, so Redis refuses everything else; RESP3 pushes are distinct, so RESP3 has no limit.
 * The dispatcher calls this after the auth check, before running the command.
 */
export function subscriberModeError(client: Client, spec: CommandSpec): string | null {
  if (client.subscriptions === null || client.reply.protocol !== 2 || ALLOWED.has(spec.name)) return null;
  return subscriberContextError(spec.name);
}
