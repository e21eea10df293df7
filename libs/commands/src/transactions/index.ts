import type { CommandSpec } from '../command-spec';
import { discardCommand } from './discard';
import { execCommand } from './exec';
import { multiCommand } from './multi';
import { unwatchCommand } from './unwatch';
import { watchCommand } from './watch';

export const transactionCommands: readonly CommandSpec[] = [
  multiCommand,
  execCommand,
  discardCommand,
  watchCommand,
  unwatchCommand,
];
