import { subcommandSyntaxError } from '../errors';

/** Error replies of the pub/sub family, Redis 7.0's texts. */

/** Any command but the few a RESP2 subscriber may send (the command's full name, `parent|sub` for subcommands). */
export function subscriberContextError(fullName: string): string {
  return (
    `ERR Can't execute '${fullName}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET ` +
    'are allowed in this context'
  );
}

/** A (P|S)SUBSCRIBE run where the client cannot wait for messages (inside EXEC for SSUBSCRIBE). */
export function denyBlockingError(command: string): string {
  return `ERR ${command} isn't allowed for a DENY BLOCKING client`;
}

/** PUBSUB CHANNELS/SHARDCHANNELS with too many arguments (Redis's addReplySubcommandSyntaxError). */
export function pubsubSyntaxError(sub: string): string {
  return subcommandSyntaxError('pubsub', sub);
}
