import type { CommandSpec } from '../command-spec';
import { xackCommand } from './xack';
import { xaddCommand } from './xadd';
import { xautoclaimCommand } from './xautoclaim';
import { xclaimCommand } from './xclaim';
import { xdelCommand } from './xdel';
import { xgroupCommand } from './xgroup';
import { xinfoCommand } from './xinfo';
import { xlenCommand } from './xlen';
import { xpendingCommand } from './xpending';
import { xrangeCommand } from './xrange';
import { xreadCommand } from './xread';
import { xreadgroupCommand } from './xreadgroup';
import { xrevrangeCommand } from './xrevrange';
import { xsetidCommand } from './xsetid';
import { xtrimCommand } from './xtrim';

/** The stream family. */
export const streamCommands: readonly CommandSpec[] = [
  xaddCommand,
  xrangeCommand,
  xrevrangeCommand,
  xlenCommand,
  xdelCommand,
  xtrimCommand,
  xreadCommand,
  xreadgroupCommand,
  xgroupCommand,
  xackCommand,
  xpendingCommand,
  xclaimCommand,
  xautoclaimCommand,
  xinfoCommand,
  xsetidCommand,
];
