import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Err } from '../errors';

const MODIFIERS = new Set(['nosave', 'save', 'now', 'force', 'abort']);

/**
 * SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]. Drake stops at once (no pending shutdown to ABORT); the reason
 * passed to the server names the modifiers so it can honour SAVE/NOSAVE. The client gets no reply: the server
 * closes every connection, as Redis does when it exits.
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
      client.reply.error('ERR No shutdown in progress.');
      return;
    }
    client.server.shutdown(['SHUTDOWN', ...[...options].map((o) => o.toUpperCase())].join(' '));
  },
});
