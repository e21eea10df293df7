import type { CommandSpec } from '../command-spec';
import { appendCommand } from './append';
import { decrCommand } from './decr';
import { decrbyCommand } from './decrby';
import { getCommand } from './get';
import { getdelCommand } from './getdel';
import { getexCommand } from './getex';
import { getrangeCommand } from './getrange';
import { getsetCommand } from './getset';
import { incrCommand } from './incr';
import { incrbyCommand } from './incrby';
import { incrbyfloatCommand } from './incrbyfloat';
import { lcsCommand } from './lcs';
import { mgetCommand } from './mget';
import { msetCommand } from './mset';
import { msetnxCommand } from './msetnx';
import { psetexCommand } from './psetex';
import { setCommand } from './set';
import { setexCommand } from './setex';
import { setnxCommand } from './setnx';
import { setrangeCommand } from './setrange';
import { strlenCommand } from './strlen';
import { substrCommand } from './substr';

export { parseStringOptions, resolveExpireAt } from './expire-options';

/** The string family: GET/SET and friends, counters, ranges, LCS. */
export const stringCommands: readonly CommandSpec[] = [
  getCommand,
  setCommand,
  setnxCommand,
  setexCommand,
  psetexCommand,
  getsetCommand,
  getdelCommand,
  getexCommand,
  mgetCommand,
  msetCommand,
  msetnxCommand,
  appendCommand,
  strlenCommand,
  incrCommand,
  decrCommand,
  incrbyCommand,
  decrbyCommand,
  incrbyfloatCommand,
  getrangeCommand,
  setrangeCommand,
  substrCommand,
  lcsCommand,
];
