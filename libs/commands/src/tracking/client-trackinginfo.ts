import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import type { ClientTracking } from './client-tracking';

/** The flags CLIENT TRACKINGINFO lists, in Redis's order. */
function flagsOf(tracking: ClientTracking | null): string[] {
  if (tracking === null) return ['off'];
  const flags = ['on'];
  if (tracking.bcast) flags.push('bcast');
  if (tracking.optin) flags.push('optin');
  if (tracking.optin && tracking.caching) flags.push('caching-yes');
  if (tracking.optout) flags.push('optout');
  if (tracking.optout && tracking.caching) flags.push('caching-no');
  if (tracking.noloop) flags.push('noloop');
  if (tracking.brokenRedirect) flags.push('broken_redirect');
  return flags;
}

/** CLIENT TRACKINGINFO: flags (a set), redirect and prefixes of this connection's tracking. */
export const clientTrackinginfoCommand = defineCommand({
  name: 'client|trackinginfo',
  arity: 2,
  flags: ['noscript', 'loading', 'stale'],
  categories: ['slow', 'connection'],
  group: 'connection',
  summary: 'Return information about server assisted client side caching for the current connection',
  since: '6.2.0',
  complexity: 'O(1)',
  execute(client: Client): void {
    const tracking = client.tracking;
    const reply = client.reply;
    reply.map(3);
    reply.bulk('flags');
    const flags = flagsOf(tracking);
    reply.set(flags.length);
    for (const flag of flags) reply.bulk(flag);
    reply.bulk('redirect');
    reply.integer(tracking === null ? -1 : tracking.redirect);
    reply.bulk('prefixes');
    const prefixes = tracking?.prefixes ?? [];
    reply.array(prefixes.length);
    for (const prefix of prefixes) reply.bulk(prefix);
  },
});
