import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Err } from '../errors';

/** CLIENT CACHING YES|NO: whether the next command (or transaction) of an OPTIN / OPTOUT client is tracked. */
export const clientCachingCommand = defineCommand({
  name: 'client|caching',
  arity: 3,
  flags: ['noscript', 'loading', 'stale'],
  categories: ['slow', 'connection'],
  group: 'connection',
  summary: 'Instruct the server about tracking or not keys in the next request',
  since: '6.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const tracking = client.tracking;
    if (tracking === null) {
      client.reply.error(
        'ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled',
      );
      return;
    }
    const choice = argv[2].toLowerCase();
    if (choice === 'yes' && !tracking.optin) {
      client.reply.error('ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.');
    } else if (choice === 'no' && !tracking.optout) {
      client.reply.error('ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.');
    } else if (choice !== 'yes' && choice !== 'no') {
      client.reply.error(Err.syntax);
    } else {
      tracking.caching = true;
      client.reply.ok();
    }
  },
});
