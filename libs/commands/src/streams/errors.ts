import { cString, noNewlines } from '../errors';

/** Error texts of the stream family (Redis 7.0, byte for byte, without the leading '-'). */
export const StreamErr = {
  invalidId: 'ERR Invalid stream ID specified as stream command argument',
  xaddZeroId: 'ERR The ID specified in XADD must be greater than 0-0',
  exhausted: 'ERR The stream has exhausted the last possible ID, unable to add more items',
  idTooSmall: 'ERR The ID specified in XADD is equal or smaller than the target stream top item',
  tooLarge: 'ERR Elements are too large to be stored',
  maxlenAndMinid: 'ERR syntax error, MAXLEN and MINID options at the same time are not compatible',
  maxlenNegative: 'ERR The MAXLEN argument must be >= 0.',
  limitNegative: 'ERR The LIMIT argument must be >= 0.',
  limitWithoutStrategy: 'ERR syntax error, LIMIT cannot be used without specifying a trimming strategy',
  xtrimWithoutStrategy: 'ERR syntax error, XTRIM must be called with a trimming strategy',
  limitWithoutApprox: 'ERR syntax error, LIMIT cannot be used without the special ~ option',
  invalidStart: 'ERR invalid start ID for the interval',
  invalidEnd: 'ERR invalid end ID for the interval',
  unbalancedStreams:
    "ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.",
  groupOnlyInReadgroup: 'ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.',
  noackOnlyInReadgroup: 'ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.',
  missingGroup: 'ERR Missing GROUP option for XREADGROUP',
  dollarInReadgroup:
    'ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by ' +
    'specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.',
  gtOutsideReadgroup:
    'ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.',
  groupGoneWhileBlocked: 'NOGROUP the consumer group this client was blocked on no longer exists',
  keyGoneWhileBlocked: 'UNBLOCKED the stream key no longer exists',
  entriesReadRange: 'ERR value for ENTRIESREAD must be positive or -1',
  keyMustExist:
    'ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM ' +
    'option to create an empty stream automatically.',
  busyGroup: 'BUSYGROUP Consumer Group name already exists',
  entriesAddedNegative: 'ERR entries_added must be positive',
  setidBelowMaxDeleted: 'ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id',
  setidBelowTop: 'ERR The ID specified in XSETID is smaller than the target stream top item',
  setidBelowLength: 'ERR The entries_added specified in XSETID is smaller than the target stream length',
  xclaimMinIdle: 'ERR Invalid min-idle-time argument for XCLAIM',
  xclaimIdle: 'ERR Invalid IDLE option argument for XCLAIM',
  xclaimTime: 'ERR Invalid TIME option argument for XCLAIM',
  xclaimRetry: 'ERR Invalid RETRYCOUNT option argument for XCLAIM',
  xautoclaimMinIdle: 'ERR Invalid min-idle-time argument for XAUTOCLAIM',
  xautoclaimCount: 'ERR COUNT must be > 0',
  xautoclaimMemory: 'ERR Insufficient memory, failed allocating transient memory, COUNT too high.',
} as const;

/** Redis formats names into errors with %s: cut at a NUL byte, CR/LF turned into spaces. */
function arg(s: string): string {
  return cString(s);
}

/** XREADGROUP naming a missing key or group. */
export function noGroupReadgroupError(key: string, group: string): string {
  return noNewlines(
    `NOGROUP No such key '${arg(key)}' or consumer group '${arg(group)}' in XREADGROUP with GROUP option`,
  );
}

/** XPENDING, XCLAIM, XAUTOCLAIM naming a missing key or group. */
export function noKeyOrGroupError(key: string, group: string): string {
  return noNewlines(`NOGROUP No such key '${arg(key)}' or consumer group '${arg(group)}'`);
}

/** XGROUP SETID/CREATECONSUMER/DELCONSUMER and XINFO CONSUMERS naming a missing group. */
export function noSuchGroupError(group: string, key: string): string {
  return noNewlines(`NOGROUP No such consumer group '${arg(group)}' for key name '${arg(key)}'`);
}

export function unrecognizedXclaimOption(opt: string): string {
  return noNewlines(`ERR Unrecognized XCLAIM option '${arg(opt)}'`);
}

/** Redis's addReplySubcommandSyntaxError: the subcommand as typed (at most 128 bytes), the command upper-cased. */
export function subcommandSyntaxError(argv: readonly string[]): string {
  return noNewlines(
    `ERR unknown subcommand or wrong number of arguments for '${arg(argv[1]).slice(0, 128)}'. ` +
      `Try ${argv[0].toUpperCase()} HELP.`,
  );
}
