import type { CommandSpec } from '../command-spec';
import { slowlogCommand } from './slowlog-command';

export { SlowLog, type SlowLogEntry } from './slow-log';
export const slowlogCommands: readonly CommandSpec[] = [slowlogCommand];
