import type { CommandSpec } from '../command-spec';
import { psubscribeCommand } from './psubscribe';
import { publishCommand } from './publish';
import { pubsubCommand } from './pubsub-command';
import { punsubscribeCommand } from './punsubscribe';
import { spublishCommand } from './spublish';
import { ssubscribeCommand } from './ssubscribe';
import { subscribeCommand } from './subscribe';
import { sunsubscribeCommand } from './sunsubscribe';
import { unsubscribeCommand } from './unsubscribe';

export { PubSubHub } from './hub';
export { subscriberModeError } from './subscriber-mode';

/** The pub/sub family: (P|S)SUBSCRIBE, (P|S)UNSUBSCRIBE, PUBLISH, SPUBLISH and PUBSUB. */
export const pubsubCommands: readonly CommandSpec[] = [
  subscribeCommand,
  unsubscribeCommand,
  psubscribeCommand,
  punsubscribeCommand,
  publishCommand,
  pubsubCommand,
  ssubscribeCommand,
  sunsubscribeCommand,
  spublishCommand,
];
