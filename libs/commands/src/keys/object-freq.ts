import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { KeysErr } from './errors';
import { lfuPolicySelected } from './eviction-policy';
import { lookupReadOrNil } from './lookup';

/** Redis's LFU_INIT_VAL: the counter of a key that was written and not read since. */
export const LFU_INIT_VAL = 5;

/**
 * Only meaningful under an LFU policy, else Redis's error. Access frequency is not tracked here, so every key
 * reports the counter Redis gives a freshly written key.
 */
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
    else client.reply.integer(LFU_INIT_VAL);
  },
});
