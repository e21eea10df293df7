import type { CommandSpec } from '../command-spec';
import { saddCommand } from './sadd';
import { scardCommand } from './scard';
import { sdiffCommand } from './sdiff';
import { sdiffstoreCommand } from './sdiffstore';
import { sinterCommand } from './sinter';
import { sintercardCommand } from './sintercard';
import { sinterstoreCommand } from './sinterstore';
import { sismemberCommand } from './sismember';
import { smembersCommand } from './smembers';
import { smismemberCommand } from './smismember';
import { smoveCommand } from './smove';
import { spopCommand } from './spop';
import { srandmemberCommand } from './srandmember';
import { sremCommand } from './srem';
import { sscanCommand } from './sscan';
import { sunionCommand } from './sunion';
import { sunionstoreCommand } from './sunionstore';

/** The set family. */
export const setCommands: readonly CommandSpec[] = [
  saddCommand,
  sremCommand,
  smembersCommand,
  sismemberCommand,
  smismemberCommand,
  scardCommand,
  spopCommand,
  srandmemberCommand,
  smoveCommand,
  sinterCommand,
  sintercardCommand,
  sunionCommand,
  sdiffCommand,
  sinterstoreCommand,
  sunionstoreCommand,
  sdiffstoreCommand,
  sscanCommand,
];
