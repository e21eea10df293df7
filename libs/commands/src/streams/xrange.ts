import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { xrangeGeneric } from './range-generic';

export const xrangeCommand = defineCommand({
  name: 'xrange',
  arity: -4,
  flags: ['readonly'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'stream'],
  group: 'stream',
  summary: 'Return a range of elements in a stream, with IDs matching the specified IDs interval',
  since: '5.0.0',
  complexity:
    'O(N) with N being the number of elements being returned. If N is constant (e.g. always asking for the ' +
    'first 10 elements with COUNT), you can consider it O(1).',
  execute(client: Client, argv: string[]): void {
    xrangeGeneric(client, argv, false);
  },
});
