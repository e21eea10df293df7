import type { CommandSpec } from '../command-spec';
import { zaddCommand } from './zadd';
import { zincrbyCommand } from './zincrby';
import { zremCommand } from './zrem';
import { zscoreCommand } from './zscore';
import { zmscoreCommand } from './zmscore';
import { zcardCommand } from './zcard';
import { zcountCommand } from './zcount';
import { zlexcountCommand } from './zlexcount';
import { zrangeCommand } from './zrange';
import { zrangestoreCommand } from './zrangestore';
import { zrevrangeCommand } from './zrevrange';
import { zrangebyscoreCommand } from './zrangebyscore';
import { zrevrangebyscoreCommand } from './zrevrangebyscore';
import { zrangebylexCommand } from './zrangebylex';
import { zrevrangebylexCommand } from './zrevrangebylex';
import { zrankCommand } from './zrank';
import { zrevrankCommand } from './zrevrank';
import { zremrangebyrankCommand } from './zremrangebyrank';
import { zremrangebyscoreCommand } from './zremrangebyscore';
import { zremrangebylexCommand } from './zremrangebylex';
import { zpopminCommand } from './zpopmin';
import { zpopmaxCommand } from './zpopmax';
import { zmpopCommand } from './zmpop';
import { bzmpopCommand } from './bzmpop';
import { bzpopmaxCommand } from './bzpopmax';
import { bzpopminCommand } from './bzpopmin';
import { zunionCommand } from './zunion';
import { zinterCommand } from './zinter';
import { zdiffCommand } from './zdiff';
import { zunionstoreCommand } from './zunionstore';
import { zinterstoreCommand } from './zinterstore';
import { zdiffstoreCommand } from './zdiffstore';
import { zintercardCommand } from './zintercard';
import { zrandmemberCommand } from './zrandmember';
import { zscanCommand } from './zscan';

export const zsetCommands: readonly CommandSpec[] = [
  zaddCommand,
  zincrbyCommand,
  zremCommand,
  zscoreCommand,
  zmscoreCommand,
  zcardCommand,
  zcountCommand,
  zlexcountCommand,
  zrangeCommand,
  zrangestoreCommand,
  zrevrangeCommand,
  zrangebyscoreCommand,
  zrevrangebyscoreCommand,
  zrangebylexCommand,
  zrevrangebylexCommand,
  zrankCommand,
  zrevrankCommand,
  zremrangebyrankCommand,
  zremrangebyscoreCommand,
  zremrangebylexCommand,
  zpopminCommand,
  zpopmaxCommand,
  zmpopCommand,
  bzpopminCommand,
  bzpopmaxCommand,
  bzmpopCommand,
  zunionCommand,
  zinterCommand,
  zdiffCommand,
  zunionstoreCommand,
  zinterstoreCommand,
  zdiffstoreCommand,
  zintercardCommand,
  zrandmemberCommand,
  zscanCommand,
];
