import type { Client } from './client';
import type { CommandSpec } from './command-spec';
import { hasFlag } from './command-spec';
import { callStats, commandEnded, commandStarted } from './command-timing';
import { lookupSubcommand } from './command-table';
import { Err, arityError, noNewlines, unknownCommandError, unknownSubcommandError } from './errors';
import { feedMonitors } from './monitor-feed';

function arityOk(spec: CommandSpec, argc: number): boolean {
  return spec.arity > 0 ? argc === spec.arity : argc >= -spec.arity;
}

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
    if (!arityOk(sub, argv.length)) {
      client.reply.error(arityError(sub.name));
      return null;
    }
    return sub;
  }
  if (!arityOk(spec, argv.length)) {
    client.reply.error(arityError(spec.name));
    return null;
  }
  return spec;
}

/**
 * Runs one command for a client: lookup, arity, auth, then the handler. The order of checks is Redis 7.0's
 * (an unknown command is reported before NOAUTH). Replies suppressed by CLIENT REPLY OFF/SKIP are cut off here.
 */
export function dispatch(client: Client, argv: string[]): void {
  const reply = client.reply;
  const mark = reply.length;
  const spec = resolve(client, argv);
  const stats = client.server.stats;
  if (spec !== null) {
    if (!client.authenticated && !hasFlag(spec, 'no_auth')) {
      reply.error(Err.noAuth);
    } else {
      client.lastCommand = spec.name;
      stats.commandsProcessed++;
      const started = commandStarted();
      try {
        spec.execute(client, argv);
      } catch (err) {
        // A bug in one command must not take the server (and every client's data) down with it.
        reportCommandFailure(client, spec, err, mark);
      }
      commandEnded(callStats(stats, spec.name), started);
      if (client.server.monitors.size > 0 && !hasFlag(spec, 'admin') && !hasFlag(spec, 'skip_monitor')) {
        feedMonitors(client, argv);
      }
    }
  }
  if (client.replyMode !== 'on') suppressReply(client, mark);
}

/** CLIENT REPLY: OFF drops every reply, SKIP drops this command's reply (not the reply of CLIENT REPLY SKIP itself). */
function suppressReply(client: Client, mark: number): void {
  if (client.replyMode === 'off') {
    client.reply.truncate(mark);
  } else if (client.replyMode === 'skip' && client.lastCommand !== 'client|reply') {
    client.reply.truncate(mark);
    client.replyMode = 'on';
  }
}

/** Replies with an error instead of the half-written reply, and logs the failure with the command's name. */
function reportCommandFailure(client: Client, spec: CommandSpec, err: unknown, mark: number): void {
  const message = err instanceof Error ? err.message : String(err);
  client.reply.truncate(mark);
  client.server.logger.error({ command: spec.name, err: message }, 'command failed');
  client.reply.error(`ERR internal error in '${spec.name}': ${noNewlines(message)}`);
}
