import type { CommandSpec } from './command-spec';
import { connectionCommands } from './connection';
import { hashCommands } from './hashes';
import { keyCommands } from './keys';
import { listCommands } from './lists';
import { serverCommands } from './server';
import { setCommands } from './sets';
import { stringCommands } from './strings';
import { zsetCommands } from './zsets';

/** The whole command table, one list per family. */
export const allCommands: readonly CommandSpec[] = [
  ...connectionCommands,
  ...stringCommands,
  ...keyCommands,
  ...serverCommands,
  ...listCommands,
  ...hashCommands,
  ...setCommands,
  ...zsetCommands,
];
