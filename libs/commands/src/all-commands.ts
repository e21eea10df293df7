import type { CommandSpec } from './command-spec';
import { connectionCommands } from './connection';
import { keyCommands } from './keys';
import { serverCommands } from './server';
import { stringCommands } from './strings';

/** The whole command table, one list per family. */
export const allCommands: readonly CommandSpec[] = [
  ...connectionCommands,
  ...stringCommands,
  ...keyCommands,
  ...serverCommands,
];
