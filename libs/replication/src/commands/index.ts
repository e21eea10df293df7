import type { CommandSpec } from '@drake/commands';
import { dflyCommand } from './dfly';
import { failoverCommand } from './failover';
import { migrateCommand } from './migrate';
import { replconfCommand } from './replconf';
import { replicaofCommand, slaveofCommand } from './replicaof';
import { repltakeoverCommand } from './repltakeover';
import { roleCommand } from './role';
import { psyncCommand, syncCommand } from './sync';
import { waitCommand } from './wait';

/** The replication commands; the data plane adds them to its command table next to the data commands. */
export const replicationCommands: readonly CommandSpec[] = [
  replicaofCommand,
  slaveofCommand,
  roleCommand,
  replconfCommand,
  dflyCommand,
  waitCommand,
  repltakeoverCommand,
  failoverCommand,
  migrateCommand,
  syncCommand,
  psyncCommand,
];
