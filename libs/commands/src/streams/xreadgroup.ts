import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { xreadGeneric } from './read-generic';

export const xreadgroupCommand = defineCommand({
  name: 'xreadgroup',
  arity: -7,
  flags: ['write', 'blocking', 'movablekeys'],
  categories: ['write', 'stream', 'blocking'],
  group: 'stream',
  summary:
    'Return new entries from a stream using a consumer group, or access the history of the pending entries for a ' +
    'given consumer. Can block.',
  since: '5.0.0',
  complexity:
    'For each stream mentioned: O(M) with M being the number of elements returned. If M is constant (e.g. always ' +
    'asking for the first 10 elements with COUNT), you can consider it O(1). On the other side when XREADGROUP ' +
    'blocks, XADD will pay the O(N) time in order to serve the N clients blocked on the stream getting new data.',
  execute(client: Client, argv: string[]): void {
    xreadGeneric(client, argv, true);
  },
});
