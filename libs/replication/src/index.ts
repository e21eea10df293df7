export { FlowApplier, FlowProtocolError, type ApplyFn, type FlowApplierOptions } from './flow-applier';
export {
  RespProtocolError,
  RespReplyReader,
  type RespReply,
  type RespReplyReaderOptions,
} from './resp-reply-reader';
export { nextSnapshotVersion, snapshotsOn } from './snapshot-hooks';
export { ShardSnapshot, type ShardSnapshotOptions, type SnapshotSink } from './snapshot-streamer';
export { RdbSnapshotJob, serverFileHeader } from './rdb-snapshot-job';
export {
  REBUILD_CHUNK,
  REBUILD_CHUNK_BYTES,
  rebuildCommands,
  restoreCommand,
  type CommandSink,
} from './value-commands';
export { replicationCommands } from './commands';
export { replicationInfo } from './commands/info-replication';
export { ReplicationManager, type ManagerOptions, type ReplicationServer } from './replication-manager';
export { ReplicationMaster, type MasterOptions } from './master/replication-master';
export { ReplicaLink, type LinkState, type ReplicaOptions } from './replica/replica-link';
