import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { xreadGeneric } from './read-generic';

export const xreadCommand = defineCommand({
  name: 'xread',
  arity: -4,
  flags: ['readonly', 'blocking', 'movablekeys'],
  categories: ['read', 'stream', 'blocking'],
  group: 'stream',
  summary:
    'Return never seen elements in multiple streams, with IDs greater than the ones reported by the caller for ' +
    'each stream. Can block.',
  since: '5.0.0',
  complexity:
    'For each stream mentioned: O(N) with N being the number of elements being returned, it means that XREAD-ing ' +
    'with a fixed COUNT is O(1). Note that when the BLOCK option is used, XADD will pay O(M) time in order to ' +
    'serve the M clients blocked on the stream getting new data.',
  execute(client: Client, argv: string[]): void {
    xreadGeneric(client, argv, false);
  },
});
