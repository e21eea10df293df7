import { defineCommand } from '../command-spec';
import { countExisting } from './exists';

/** Counts the live keys; there is no per-key access clock to update (OBJECT IDLETIME follows writes). */
export const touchCommand = defineCommand({
  name: 'touch',
  arity: -2,
  flags: ['readonly', 'fast'],
  firstKey: 1,
  lastKey: -1,
  keyStep: 1,
  categories: ['keyspace', 'read', 'fast'],
  group: 'generic',
  summary: 'Alters the last access time of a key(s). Returns the number of existing keys specified.',
  since: '3.2.1',
  complexity: 'O(N) where N is the number of keys that will be touched.',
  execute: countExisting,
});
