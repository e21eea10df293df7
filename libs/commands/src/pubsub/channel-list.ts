import type { Client } from '../client';
import { globMatch } from '../glob';
import { pubsubSyntaxError } from './errors';

/** PUBSUB CHANNELS / SHARDCHANNELS [pattern]: the active names, all or those matching the glob. */
export function replyChannelList(client: Client, argv: string[], kind: 'channels' | 'shardChannels'): void {
  if (argv.length > 3) {
    client.reply.error(pubsubSyntaxError(argv[1]));
    return;
  }
  const pattern = argv.length === 3 ? argv[2] : null;
  const names: string[] = [];
  for (const name of client.server.pubsub.active(kind))
    if (pattern === null || globMatch(pattern, name)) names.push(name);
  client.reply.bulkArray(names);
}

/** PUBSUB NUMSUB / SHARDNUMSUB [name ...]: each name as given, with its channel subscriber count. */
export function replySubscriberCounts(
  client: Client,
  argv: string[],
  kind: 'channels' | 'shardChannels',
): void {
  const hub = client.server.pubsub;
  const reply = client.reply;
  reply.array((argv.length - 2) * 2);
  for (let i = 2; i < argv.length; i++) {
    reply.bulk(argv[i]);
    reply.integer(hub.subscriberCount(kind, argv[i]));
  }
}
