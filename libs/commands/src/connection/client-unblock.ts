import { parseInteger } from '../args';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { callStats } from '../command-timing';
import { Err } from '../errors';

/**
 * CLIENT UNBLOCK id [TIMEOUT|ERROR]: ends another client's blocking command as if it timed out, or with the
 * UNBLOCKED error. Answers 1 when that client was blocked, else 0.
 */
export const clientUnblockCommand = defineCommand({
  name: 'client|unblock',
  arity: -3,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  categories: ['admin', 'slow', 'dangerous', 'connection'],
  group: 'connection',
  summary: 'Unblock a client blocked in a blocking command from a different connection',
  since: '5.0.0',
  complexity: 'O(log N) where N is the number of client connections',
  execute(client: Client, argv: string[]): void {
    const id = parseInteger(argv[2]);
    if (id === null) {
      client.reply.error(Err.notInteger);
      return;
    }
    let withError = false;
    if (argv.length === 4) {
      const reason = argv[3].toLowerCase();
      if (reason === 'error') withError = true;
      else if (reason !== 'timeout') {
        client.reply.error('ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR');
        return;
      }
    } else if (argv.length > 4) {
      client.reply.error(
        `ERR unknown subcommand or wrong number of arguments for '${argv[1]}'. Try CLIENT HELP.`,
      );
      return;
    }
    const target = client.server.clients.get(id);
    const request = target?.blocked ?? null;
    if (target === undefined || request === null || request.unblockable === false) {
      client.reply.integer(0);
      return;
    }
    if (withError) {
      target.reply.error('UNBLOCKED client unblocked via CLIENT UNBLOCK');
      // The blocked command failed (Redis's updateStatsOnUnblock); CLIENT UNBLOCK counts it as its own too.
      callStats(client.server.stats, target.lastCommand).failed++;
    } else request.onTimeout(target);
    client.server.blocking.wake(target);
    client.reply.integer(1);
  },
});
