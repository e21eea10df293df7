import type { CommandSpec } from '../command-spec';
import { blmoveCommand } from './blmove';
import { blmpopCommand } from './blmpop';
import { blpopCommand } from './blpop';
import { brpopCommand } from './brpop';
import { brpoplpushCommand } from './brpoplpush';
import { linsertCommand } from './linsert';
import { lindexCommand } from './lindex';
import { llenCommand } from './llen';
import { lmoveCommand } from './lmove';
import { lmpopCommand } from './lmpop';
import { lpopCommand } from './lpop';
import { lposCommand } from './lpos';
import { lpushCommand } from './lpush';
import { lpushxCommand } from './lpushx';
import { lrangeCommand } from './lrange';
import { lremCommand } from './lrem';
import { lsetCommand } from './lset';
import { ltrimCommand } from './ltrim';
import { rpopCommand } from './rpop';
import { rpoplpushCommand } from './rpoplpush';
import { rpushCommand } from './rpush';
import { rpushxCommand } from './rpushx';

/** The list family (non-blocking): pushes, pops, ranges, LPOS, LMOVE/RPOPLPUSH, LMPOP. */
export const listCommands: readonly CommandSpec[] = [
  lpushCommand,
  rpushCommand,
  lpushxCommand,
  rpushxCommand,
  lpopCommand,
  rpopCommand,
  llenCommand,
  lrangeCommand,
  lindexCommand,
  lsetCommand,
  linsertCommand,
  lremCommand,
  ltrimCommand,
  lposCommand,
  lmoveCommand,
  rpoplpushCommand,
  lmpopCommand,
  blpopCommand,
  brpopCommand,
  blmoveCommand,
  brpoplpushCommand,
  blmpopCommand,
];
