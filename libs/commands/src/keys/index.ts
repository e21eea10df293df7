import type { CommandSpec } from '../command-spec';
import { copyCommand } from './copy';
import { dbsizeCommand } from './dbsize';
import { delCommand } from './del';
import { dumpCommand } from './dump';
import { existsCommand } from './exists';
import { expireCommand } from './expire';
import { expireatCommand } from './expireat';
import { expiretimeCommand } from './expiretime';
import { flushallCommand } from './flushall';
import { flushdbCommand } from './flushdb';
import { keysCommand } from './keys';
import { moveCommand } from './move';
import { swapdbCommand } from './swapdb';
import { objectCommand } from './object';
import { persistCommand } from './persist';
import { pexpireCommand } from './pexpire';
import { pexpireatCommand } from './pexpireat';
import { pexpiretimeCommand } from './pexpiretime';
import { pttlCommand } from './pttl';
import { randomkeyCommand } from './randomkey';
import { renameCommand } from './rename';
import { renamenxCommand } from './renamenx';
import { restoreCommand } from './restore';
import { scanCommand } from './scan';
import { sortCommand } from './sort';
import { sortRoCommand } from './sort_ro';
import { touchCommand } from './touch';
import { ttlCommand } from './ttl';
import { typeCommand } from './type';
import { unlinkCommand } from './unlink';

/** The generic keyspace family (Redis's `generic` group, SORT included) plus DBSIZE, FLUSHDB and FLUSHALL. */
export const keyCommands: readonly CommandSpec[] = [
  delCommand,
  unlinkCommand,
  existsCommand,
  typeCommand,
  expireCommand,
  pexpireCommand,
  expireatCommand,
  pexpireatCommand,
  ttlCommand,
  pttlCommand,
  expiretimeCommand,
  pexpiretimeCommand,
  persistCommand,
  keysCommand,
  scanCommand,
  randomkeyCommand,
  renameCommand,
  renamenxCommand,
  copyCommand,
  moveCommand,
  swapdbCommand,
  touchCommand,
  dbsizeCommand,
  flushdbCommand,
  flushallCommand,
  objectCommand,
  dumpCommand,
  restoreCommand,
  sortCommand,
  sortRoCommand,
];
