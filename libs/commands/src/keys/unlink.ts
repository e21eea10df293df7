import { defineCommand } from '../command-spec';
import { deleteKeys } from './del';

/** Same as DEL here: values are reclaimed by the garbage collector, never freed synchronously. */
export const unlinkCommand = defineCommand({
  name: 'unlink',
  arity: -2,
  flags: ['write', 'fast'],
  firstKey: 1,
  lastKey: -1,
  keyStep: 1,
  categories: ['keyspace', 'write', 'fast'],
  group: 'generic',
  summary: 'Delete a key asynchronously in another thread. Otherwise it is just as DEL, but non blocking.',
  since: '4.0.0',
  complexity:
    'O(1) for each key removed regardless of its size. Then the command does O(N) work in a different thread in order to reclaim memory, where N is the number of allocations the deleted objects where composed of.',
  execute: deleteKeys,
});
