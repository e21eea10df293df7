import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Err } from '../errors';
import { replyLater } from '../blocking/reply-later';

const MODIFIERS = new Set(['nosave', 'save', 'now', 'force', 'abort']);

/** What a SHUTDOWN caller hears when its shutdown is aborted (Redis 7.0's words). */
export const SHUTDOWN_ABORTED = 'ERR Errors trying to SHUTDOWN. Check logs.';

/**
 * SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]. The caller waits like a blocked client: the server either exits
 * (closing every connection, so no reply, as Redis) or, when a wait for lagging replicas is aborted, answers it
 * with an error. The reason passed to the server names the modifiers so it can honour SAVE/NOSAVE.
 */
export const shutdownCommand = defineCommand({
  name: 'shutdown',
  arity: -1,
  flags: ['admin', 'noscript', 'loading', 'stale', 'no_multi', 'allow_busy'],
  categories: ['admin', 'slow', 'dangerous'],
  group: 'server',
  summary: 'Synchronously save the dataset to disk and then shut down the server',
  since: '1.0.0',
  complexity:
    'O(N) when saving, where N is the total number of keys in all databases when saving data, otherwise O(1)',
  execute(client: Client, argv: string[]): void {
    const options = new Set<string>();
    for (let i = 1; i < argv.length; i++) {
      const option = argv[i].toLowerCase();
      if (!MODIFIERS.has(option)) {
        client.reply.error(Err.syntax);
        return;
      }
      options.add(option);
    }
    const abort = options.has('abort');
    if ((abort && options.size > 1) || (options.has('save') && options.has('nosave'))) {
      client.reply.error(Err.syntax);
      return;
    }
    if (abort) {
      if (client.server.abortShutdown()) client.reply.ok();
      else client.reply.error('ERR No shutdown in progress.');
      return;
    }
    const reason = ['SHUTDOWN', ...[...options].map((o) => o.toUpperCase())].join(' ');
    client.server.shutdown(reason, { now: options.has('now'), answer: replyLater(client) });
  },
});
