import type { Client, QueuedCommand } from './client';
import { abortExec } from './transactions/transaction-state';
import type { CommandSpec } from './command-spec';
import { arityAccepts, hasFlag } from './command-spec';
import { callStats, commandEnded, commandStarted } from './command-timing';
import { lookupSubcommand } from './command-table';
import { Err, arityError, noNewlines, unknownCommandError, unknownSubcommandError } from './errors';
import { feedMonitors } from './monitor-feed';
import { recordSlow } from './slowlog/record-slow';
import { TIME_ALL, TIME_SLOW } from './slowlog/slow-log';
import { journals, propagate } from './propagation/propagate';
import { protectedRefusal } from './server/protected-commands';
import { extractKeys } from './server/key-extraction';
import { execRuns } from './transactions/exec-runs';
import { subscriberModeError } from './pubsub/subscriber-mode';
import { limitTrackingTable } from './tracking/tracking-limit';
import type { ClientTracking } from './tracking/client-tracking';

/** Resolves `argv` to the spec that will run it (a subcommand for container commands), or writes the error. */
function resolve(client: Client, argv: string[]): CommandSpec | null {
  const spec = client.server.commands.lookup(argv[0]);
  if (spec === undefined) {
    client.reply.error(unknownCommandError(argv));
    return null;
  }
  if (spec.subcommands !== undefined && argv.length >= 2) {
    const sub = lookupSubcommand(spec, argv[1]);
    if (sub === undefined) {
      client.reply.error(unknownSubcommandError(spec.name, argv[1]));
      return null;
    }
    if (!arityAccepts(sub, argv.length)) {
      client.reply.error(arityError(sub.name));
      callStats(client.server.stats, sub.name).rejected++;
      return null;
    }
    return sub;
  }
  if (!arityAccepts(spec, argv.length)) {
    // A malformed EXEC still ends the transaction (Redis's execCommandAbort).
    if (spec.name === 'exec') abortExec(client, `wrong number of arguments for 'exec' command`);
    else client.reply.error(arityError(spec.name));
    callStats(client.server.stats, spec.name).rejected++;
    return null;
  }
  return spec;
}

const READONLY = "READONLY You can't write against a read only replica.";
const NOREPLICAS = 'NOREPLICAS Not enough good replicas to write.';
const MASTERDOWN = "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.";
const NO_MULTI = 'ERR Command not allowed inside a transaction';
const OOM = "OOM command not allowed when used memory > 'maxmemory'.";

/** Run inside MULTI even when memory is short: they end or leave the transaction (Redis's processCommand). */
const MULTI_OOM_EXEMPT = new Set(['exec', 'discard', 'quit', 'reset']);

/**
 * Not gated while a load runs: REPLICAOF decides for itself (NO ONE ends the load and keeps what arrived; another
 * master is refused with -LOADING while the sync runs), as Dragonfly lets it through.
 */
const DECIDES_WHILE_LOADING = new Set(['replicaof', 'slaveof']);

/** Commands that run at once inside MULTI instead of being queued. */
const RUN_IN_MULTI = new Set(['exec', 'discard', 'multi', 'watch', 'quit', 'reset']);

/**
 * Runs one command for a client: lookup, arity, auth, then the handler — or queues it inside MULTI. The order of
 * checks is Redis 7.0's (an unknown command is reported before NOAUTH). Replies suppressed by CLIENT REPLY
 * OFF/SKIP are cut off here. Clients blocked on keys that this command changed are served right after it.
 */
export function dispatch(client: Client, argv: string[]): void {
  const reply = client.reply;
  const mark = reply.length;
  const tracking = client.server.tracking;
  const tracked = tracking.clients !== 0;
  if (tracked) limitTrackingTable(client.server);
  const spec = resolve(client, argv);
  const refused = spec === null ? null : refusal(client, spec);
  if (spec === null) {
    rejected(client);
  } else if (refused !== null) {
    reject(client, spec, refused);
  } else if (client.server.pause.mode !== 'off' && client.server.pause.holds(client, spec)) {
    // Held before MULTI would queue it, as Redis checks the pause first.
    client.server.pause.postpone(client, spec, argv);
  } else if (client.multi !== null && !RUN_IN_MULTI.has(spec.name)) {
    queue(client, spec, argv);
  } else {
    runCommand(client, spec, argv);
    const blocking = client.server.blocking;
    if (blocking.hasReady) blocking.serveReady();
  }
  if (client.replyMode !== 'on') suppressReply(client, mark);
  else if (client.keptPushes !== null) client.keptPushes = null; // the mode went back on mid-command (EXEC)
  if (tracked || tracking.clients !== 0) afterTrackedCommand(client, argv);
}

/**
 * Invalidations of the client's own writes follow its reply (Redis's afterCommand), pushes that CLIENT REPLY OFF
 * does not hold back; then a CLIENT CACHING choice may end.
 */
function afterTrackedCommand(client: Client, argv: string[]): void {
  const tracking = client.server.tracking;
  if (tracking.hasPending) tracking.sendPending();
  if (client.tracking !== null && client.tracking.caching) endCachingChoice(client, argv);
}

/**
 * CLIENT CACHING applies to the next command, or to a whole transaction when MULTI follows it: the choice ends
 * after a command outside MULTI unless that command was another CLIENT one (Redis's resetClient).
 */
function endCachingChoice(client: Client, argv: string[]): void {
  if (client.multi === null && argv[0].toLowerCase() !== 'client')
    (client.tracking as ClientTracking).caching = false;
}

/**
 * Why `spec` may not run for this client now, in Redis 7.0's order (DEBUG under enable-debug-command, NOAUTH, OOM, NOREPLICAS and READONLY for writes,
 * RESP2 subscriber mode, MASTERDOWN, LOADING, a no-multi command inside MULTI), or null when it may. Writes also
 * get READONLY while a shutdown waits for lagging replicas. The replication checks pass over the master link; an
 * EXEC counts as the commands it holds.
 */
function refusal(client: Client, spec: CommandSpec): string | null {
  // Redis checks its protected commands first, before NOAUTH.
  const refusedProtected = protectedRefusal(client, spec);
  if (refusedProtected !== null) return refusedProtected;
  if (!client.authenticated && !hasFlag(spec, 'no_auth')) return Err.noAuth;
  const server = client.server;
  const gated = !client.isMasterLink;
  if (gated && server.eviction.limit !== 0 && outOfMemory(client, spec)) return OOM;
  if (gated && (server.tooFewReplicas || server.readOnly) && writes(client, spec)) {
    return server.tooFewReplicas ? NOREPLICAS : READONLY;
  }
  if (client.subscriptions !== null) {
    const error = subscriberModeError(client, spec);
    if (error !== null) return error;
  }
  if (gated && server.masterDown && lacksFlag(client, spec, 'stale')) return MASTERDOWN;
  if (gated && server.loading !== null && deniedWhileLoading(client, spec)) return Err.loading;
  if (client.multi !== null && !RUN_IN_MULTI.has(spec.name) && hasFlag(spec, 'no_multi')) return NO_MULTI;
  return null;
}

/**
 * With a maxmemory limit, keys are evicted before every command as needed (Redis's performEvictions); true when
 * the count is still over the limit and this command may not run: a `denyoom` one, an EXEC holding one, or any
 * command MULTI would queue (a queue can grow without bound).
 */
function outOfMemory(client: Client, spec: CommandSpec): boolean {
  const server = client.server;
  if (server.eviction.perform(server) !== 'fail') return false;
  return execRuns(client, spec, deniedOnOom) || (client.multi !== null && !MULTI_OOM_EXEMPT.has(spec.name));
}

const deniedOnOom = (spec: CommandSpec): boolean => hasFlag(spec, 'denyoom');
const isWrite = (spec: CommandSpec): boolean => hasFlag(spec, 'write');
const lacksLoading = (spec: CommandSpec): boolean => !hasFlag(spec, 'loading');
const lacksStale = (spec: CommandSpec): boolean => !hasFlag(spec, 'stale');

/** A write command, or an EXEC whose queue holds one (Redis's mstate.cmd_flags check). */
function writes(client: Client, spec: CommandSpec): boolean {
  return execRuns(client, spec, isWrite);
}

/** A command without `flag`, or an EXEC whose queue holds one (Redis's mstate.cmd_inv_flags check). */
function lacksFlag(client: Client, spec: CommandSpec, flag: 'loading' | 'stale'): boolean {
  return execRuns(client, spec, flag === 'loading' ? lacksLoading : lacksStale);
}

function deniedWhileLoading(client: Client, spec: CommandSpec): boolean {
  return !DECIDES_WHILE_LOADING.has(spec.name) && lacksFlag(client, spec, 'loading');
}

/**
 * Executes a resolved command: stats, timing, MONITOR feed, and a reply instead of a crash when the handler
 * throws. EXEC runs its queued commands through here.
 */
export function runCommand(client: Client, spec: CommandSpec, argv: string[]): void {
  const stats = client.server.stats;
  const mark = client.reply.length;
  client.lastCommand = spec.name;
  stats.commandsProcessed++;
  const slowlog = client.server.slowlog;
  const started = commandStarted(
    slowlog.timing === TIME_ALL || (slowlog.timing === TIME_SLOW && spec.constantTime !== true),
  );
  const keyspace = client.server.keyspace;
  const dirtyBefore = keyspace.dirty;
  // Errors replied from here on are this command's (failed_calls), as Redis's incrCommandStatsOnError.
  stats.errors.accounted = stats.errors.total;
  if (keyspace.snapshotsRunning !== 0 && hasFlag(spec, 'write')) snapshotKeysOf(client, spec, argv);
  // A writable replica's own clients: the TTLs they set are this node's to expire.
  keyspace.localWrites = client.server.isReplica && !client.isMasterLink;
  // While some client tracks keys, the running client is known to tracking (NOLOOP, invalidations after its reply).
  const tracking = client.server.tracking;
  const tracked = tracking.clients !== 0;
  const outer = tracking.current;
  if (tracked) tracking.current = client;
  try {
    spec.execute(client, argv);
  } catch (err) {
    // A bug in one command must not take the server (and every client's data) down with it.
    reportCommandFailure(client, spec, err, mark);
  }
  keyspace.localWrites = false;
  if (tracked) afterTrackedRun(client, spec, argv, outer);
  // A command that changed data is journalled for the replicas (Redis propagates when server.dirty moved).
  // PUBLISH/SPUBLISH change no data but reach replicas too (Redis's may_replicate), so their subscribers hear it.
  if (
    (keyspace.dirty !== dirtyBefore || spec.name === 'publish' || spec.name === 'spublish') &&
    journals(client)
  ) {
    propagate(client, spec, argv);
  }
  const entry = callStats(stats, spec.name);
  if (entry.calls === 0) entry.fast = hasFlag(spec, 'fast');
  if (stats.errors.chargeErrors()) entry.failed++;
  const durationUs = commandEnded(entry, started, client, argv);
  if (durationUs >= slowlog.thresholdUs && !hasFlag(spec, 'skip_slowlog'))
    recordSlow(client, argv, durationUs);
  if (client.server.monitors.size > 0 && !hasFlag(spec, 'admin') && !hasFlag(spec, 'skip_monitor')) {
    feedMonitors(client, argv);
  }
}

/** The command ran while some client tracks: restore the running client, remember what a tracking client read. */
function afterTrackedRun(client: Client, spec: CommandSpec, argv: string[], outer: Client | null): void {
  const tracking = client.server.tracking;
  tracking.current = outer;
  const mine = client.tracking;
  if (mine !== null && !mine.bcast && hasFlag(spec, 'readonly'))
    tracking.rememberKeys(client, mine, spec, argv);
}

/**
 * During a full sync a write command may read keys it does not write (SUNIONSTORE's sources, COPY's source):
 * their segments go into the snapshot before it runs, so the replica, applying it after its snapshot, reads
 * exactly what the master read.
 */
function snapshotKeysOf(client: Client, spec: CommandSpec, argv: string[]): void {
  const keys = extractKeys(spec, argv);
  if (keys === null) return;
  for (const { pos } of keys) client.db.snapshotBeforeRead(argv[pos]);
}

function queue(client: Client, spec: CommandSpec, argv: string[]): void {
  // An aborted or already-dirty transaction keeps nothing: EXEC will fail anyway.
  if (!client.multiAborted && !client.watchDirty) (client.multi as QueuedCommand[]).push({ spec, argv });
  client.reply.simple('QUEUED');
}

/** A command refused before running: inside MULTI it aborts the transaction; a refused EXEC discards it. */
function reject(client: Client, spec: CommandSpec, error: string): void {
  rejected(client);
  callStats(client.server.stats, spec.name).rejected++;
  if (spec.name === 'exec') abortExec(client, error);
  else client.reply.error(error);
}

/** resolve() refused the command and wrote why (Redis's flagTransaction). */
function rejected(client: Client): void {
  if (client.multi !== null) client.multiAborted = true;
}

/**
 * CLIENT REPLY: OFF drops every reply, SKIP drops this command's reply (not the reply of CLIENT REPLY SKIP
 * itself). Pub/sub pushes the command wrote stay (client.keptPushes), as in Redis 7.0.
 */
function suppressReply(client: Client, mark: number): void {
  const kept = client.keptPushes;
  client.keptPushes = null;
  if (client.replyMode === 'off') {
    dropReplies(client, mark, kept);
  } else if (client.replyMode === 'skip' && client.lastCommand !== 'client|reply') {
    dropReplies(client, mark, kept);
    client.replyMode = 'on';
  }
}

function dropReplies(client: Client, mark: number, kept: number[] | null): void {
  if (kept === null) client.reply.truncate(mark);
  else client.reply.truncateKeeping(mark, kept);
}

/** Replies with an error instead of the half-written reply, and logs the failure with the command's name. */
function reportCommandFailure(client: Client, spec: CommandSpec, err: unknown, mark: number): void {
  const message = err instanceof Error ? err.message : String(err);
  client.reply.truncate(mark);
  client.server.logger.error({ command: spec.name, err: message }, 'command failed');
  client.reply.error(`ERR internal error in '${spec.name}': ${noNewlines(message)}`);
}
