import type { CommandSpec } from '../command-spec';
import { commandCommand } from './command-command';
import { configCommand } from './config-command';
import { debugCommand } from './debug';
import { infoCommand } from './info';
import { lastsaveCommand } from './lastsave';
import { bgsaveCommand, saveCommand } from './save';
import { monitorCommand } from './monitor';
import { shutdownCommand } from './shutdown';
import { timeCommand } from './time';
import { moduleCommand } from './module-command';
import { clusterConnectionCommands } from './cluster-disabled';
import { clusterCommand } from './cluster-command';

export { ConfigRegistry, type ConfigListener } from './config-registry';
export type { RegistryParameter } from './config-params';
export { REDIS_VERSION } from './version';

/** The server family: INFO, CONFIG, COMMAND, TIME, LASTSAVE, SHUTDOWN, MONITOR, DEBUG, MODULE; READONLY and co. */
export const serverCommands: readonly CommandSpec[] = [
  infoCommand,
  configCommand,
  commandCommand,
  timeCommand,
  lastsaveCommand,
  saveCommand,
  bgsaveCommand,
  shutdownCommand,
  monitorCommand,
  debugCommand,
  moduleCommand,
  clusterCommand,
  ...clusterConnectionCommands,
];
