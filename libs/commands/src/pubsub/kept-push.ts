import type { Client } from '../client';

/**
 * Marks what the running command wrote to its own client since `start` as a push that CLIENT REPLY OFF/SKIP does
 * not suppress: Redis 7.0 sends (un)subscribe confirmations and messages to such a client all the same.
 */
export function keepPush(client: Client, start: number): void {
  if (client.replyMode === 'on' || client.reply.length === start) return;
  (client.keptPushes ??= []).push(start, client.reply.length);
}
