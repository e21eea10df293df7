import type { CommandSpec } from '../command-spec';
import { hdelCommand } from './hdel';
import { hexistsCommand } from './hexists';
import { hgetCommand } from './hget';
import { hgetallCommand } from './hgetall';
import { hincrbyCommand } from './hincrby';
import { hincrbyfloatCommand } from './hincrbyfloat';
import { hkeysCommand } from './hkeys';
import { hlenCommand } from './hlen';
import { hmgetCommand } from './hmget';
import { hmsetCommand } from './hmset';
import { hrandfieldCommand } from './hrandfield';
import { hscanCommand } from './hscan';
import { hsetCommand } from './hset';
import { hsetnxCommand } from './hsetnx';
import { hstrlenCommand } from './hstrlen';
import { hvalsCommand } from './hvals';

/** The hash family. */
export const hashCommands: readonly CommandSpec[] = [
  hsetCommand,
  hsetnxCommand,
  hmsetCommand,
  hgetCommand,
  hmgetCommand,
  hgetallCommand,
  hdelCommand,
  hexistsCommand,
  hlenCommand,
  hkeysCommand,
  hvalsCommand,
  hincrbyCommand,
  hincrbyfloatCommand,
  hstrlenCommand,
  hrandfieldCommand,
  hscanCommand,
];
