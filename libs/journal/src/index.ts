export {
  CLOCKED_COMMAND,
  clockedCommand,
  unwrapClocked,
  withoutClock,
  type ClockedCommand,
} from './clocked-command';
export { BacklogRing } from './backlog-ring';
export {
  encodeRecord,
  encodeSnapshotCommand,
  encodeSnapshotSet,
  SNAPSHOT_SET_COMMAND,
  type RecordSink,
} from './encode-record';
export { Journal, type JournalOptions } from './journal';
export {
  JournalDecodeError,
  JournalDecoder,
  decodeRecords,
  type JournalDecoderHandler,
  type JournalDecoderOptions,
} from './journal-decoder';
export { pingRecord, recordProblem, type JournalRecord, type JournalRecordKind } from './journal-record';
export { ShardJournal, type JournalSubscriber, type ShardJournalOptions } from './shard-journal';
