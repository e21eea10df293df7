import type { CommandSpec } from './command-spec';
import { bitmapCommands } from './bitmaps';
import { connectionCommands } from './connection';
import { geoCommands } from './geo';
import { hashCommands } from './hashes';
import { hyperloglogCommands } from './hyperloglog';
import { keyCommands } from './keys';
import { listCommands } from './lists';
import { memoryCommands } from './memory';
import { serverCommands } from './server';
import { pubsubCommands } from './pubsub';
import { setCommands } from './sets';
import { slowlogCommands } from './slowlog';
import { aclCommands } from './acl';
import { latencyCommands } from './latency';
import { streamCommands } from './streams';
import { stringCommands } from './strings';
import { transactionCommands } from './transactions';
import { zsetCommands } from './zsets';

/** The whole command table, one list per family. */
export const allCommands: readonly CommandSpec[] = [
  ...connectionCommands,
  ...stringCommands,
  ...keyCommands,
  ...serverCommands,
  ...slowlogCommands,
  ...aclCommands,
  ...latencyCommands,
  ...memoryCommands,
  ...listCommands,
  ...hashCommands,
  ...setCommands,
  ...zsetCommands,
  ...geoCommands,
  ...transactionCommands,
  ...pubsubCommands,
  ...bitmapCommands,
  ...hyperloglogCommands,
  ...streamCommands,
];
