import type { CommandSpec } from '../command-spec';
import { aclCommand } from './acl-command';

export { AclLog, type AclLogEntry } from './acl-log';
export const aclCommands: readonly CommandSpec[] = [aclCommand];
