import type { CommandSpec } from '../command-spec';
import { bitcountCommand } from './bitcount';
import { bitfieldCommand } from './bitfield';
import { bitfieldRoCommand } from './bitfield-ro';
import { bitopCommand } from './bitop';
import { bitposCommand } from './bitpos';
import { getbitCommand } from './getbit';
import { setbitCommand } from './setbit';

/** The bitmap family: bit access, counting, search and bitwise ops on string values. */
export const bitmapCommands: readonly CommandSpec[] = [
  setbitCommand,
  getbitCommand,
  bitcountCommand,
  bitposCommand,
  bitopCommand,
  bitfieldCommand,
  bitfieldRoCommand,
];
