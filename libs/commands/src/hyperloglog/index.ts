import type { CommandSpec } from '../command-spec';
import { pfaddCommand } from './pfadd';
import { pfcountCommand } from './pfcount';
import { pfdebugCommand } from './pfdebug';
import { pfmergeCommand } from './pfmerge';
import { pfselftestCommand } from './pfselftest';

/** The HyperLogLog family: Redis's HLL string format, byte for byte. */
export const hyperloglogCommands: readonly CommandSpec[] = [
  pfaddCommand,
  pfcountCommand,
  pfmergeCommand,
  pfdebugCommand,
  pfselftestCommand,
];
