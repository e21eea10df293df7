export { allCommands } from './all-commands';
export { parseDouble, parseI64, parseInteger } from './args';
export { Client, type ClientTransport, type ReplyMode } from './client';
export {
  defineCommand,
  hasFlag,
  type CommandDefinition,
  type CommandFlag,
  type CommandHandler,
  type CommandSpec,
} from './command-spec';
export { CommandTable, lookupSubcommand } from './command-table';
export { beginBatch, callStats, endBatch, type CallStats } from './command-timing';
export { dispatch } from './dispatcher';
export { Err, arityError, noNewlines, unknownCommandError, unknownSubcommandError } from './errors';
export { globMatch } from './glob';
export { feedMonitors, quoteRepr } from './monitor-feed';
export type {
  ConfigParameter,
  ConfigStore,
  DebugHandler,
  LoadProgress,
  PersistenceControl,
  Logger,
  ServerContext,
  ShutdownOptions,
  ServerStats,
} from './server-context';
export { ConfigRegistry, REDIS_VERSION, type ConfigListener } from './server';
export { BlockingRegistry } from './blocking/blocking-registry';
export { TrackingRegistry } from './tracking/tracking-registry';
export { ClientPause, type PauseMode, type PausePurpose } from './pause/client-pause';
export { limitTrackingTable } from './tracking/tracking-limit';
export { WatchRegistry } from './transactions/watch-registry';
export { listenToKeyspace } from './key-signals';
export { SlowLog } from './slowlog';
export { AclLog } from './acl';
export { Eviction } from './memory';
export { usedMemory } from './memory/process-memory';
export { dumpOptions, rdbLoadLimits, rdbWriteSettings } from './keys/dump-settings';
export { lookupRead } from './keys/lookup';
export { Notify, notifyKeyspaceEvent } from './notify/keyspace-events';
export { propagateEffect } from './propagation/propagate';
export { Stats } from './server-stats';
export { PubSubHub, pubsubCommands, subscriberModeError } from './pubsub';
export { blockClient, parseBlockTimeout } from './blocking/block-client';
export { replyLater, type LaterReply } from './blocking/reply-later';
export { SHUTDOWN_ABORTED } from './server/shutdown';
export { readConfigNumber } from './server/config-number';
export { redact } from './connection/authenticate';
export type { BlockedRequest } from './blocking/blocked-request';
