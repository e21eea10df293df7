import type { Value } from '@drake/storage';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { sharedIntegersAllowed } from './eviction-policy';
import { lookupReadOrNil } from './lookup';
import { isSharedInteger } from './value-encoding';

/** Redis's OBJ_SHARED_REFCOUNT: the refcount its shared objects report. */
const SHARED_REFCOUNT = 2147483647;

/** The refcount Redis would show: values are never shared between keys here, except the integers Redis shares. */
export function valueRefcount(client: Client, value: Value): number {
  return isSharedInteger(value) && sharedIntegersAllowed(client) ? SHARED_REFCOUNT : 1;
}

/** Values are never shared between keys here, except the integers Redis itself would share. */
export const objectRefcountCommand = defineCommand({
  name: 'object|refcount',
  arity: 3,
  flags: ['readonly'],
  firstKey: 2,
  lastKey: 2,
  keyStep: 1,
  categories: ['keyspace', 'read', 'slow'],
  group: 'generic',
  summary: 'Get the number of references to the value of the key',
  since: '2.2.3',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const value = lookupReadOrNil(client, argv[2]);
    if (value === undefined) return;
    client.reply.integer(valueRefcount(client, value));
  },
});
