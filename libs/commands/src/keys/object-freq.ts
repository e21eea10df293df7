import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { KeysErr } from './errors';
import { lfuPolicySelected } from './eviction-policy';
import { lookupReadOrNil } from './lookup';

/** Under an LFU policy, the key's decayed logarithmic access counter (as Redis's); else Redis's error. */
export const objectFreqCommand = defineCommand({
  name: 'object|freq',
  arity: 3,
  flags: ['readonly'],
  firstKey: 2,
  lastKey: 2,
  keyStep: 1,
  categories: ['keyspace', 'read', 'slow'],
  group: 'generic',
  summary: 'Get the logarithmic access frequency counter of a Redis object',
  since: '4.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    if (lookupReadOrNil(client, argv[2]) === undefined) return;
    if (!lfuPolicySelected(client)) client.reply.error(KeysErr.lfuNotSelected);
    else client.reply.integer(client.server.eviction.frequency(client.db, argv[2]));
  },
});
