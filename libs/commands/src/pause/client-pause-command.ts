import { parseI64 } from '../args';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';

/**
 * CLIENT PAUSE timeout [WRITE|ALL]: holds back every client command (ALL, the default) or those that write or may
 * be propagated (WRITE) for `timeout` ms. Replication connections go on, so a replica can catch up before a
 * failover. The end is the clock plus the timeout in Redis's signed 64-bit arithmetic: a timeout near 2^63
 * overflows into the past and pauses nothing, as in Redis 7.0.
 */
export const clientPauseCommand = defineCommand({
  name: 'client|pause',
  arity: -3,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  categories: ['admin', 'slow', 'dangerous', 'connection'],
  group: 'connection',
  summary: 'Stop processing commands from clients for some time',
  since: '2.9.50',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    if (argv.length > 4) {
      client.reply.error(
        `ERR unknown subcommand or wrong number of arguments for '${argv[1]}'. Try CLIENT HELP.`,
      );
      return;
    }
    let mode: 'write' | 'all' = 'all';
    if (argv.length === 4) {
      const given = argv[3].toLowerCase();
      if (given !== 'write' && given !== 'all') {
        client.reply.error('ERR CLIENT PAUSE mode must be WRITE or ALL');
        return;
      }
      mode = given;
    }
    const timeout = parseI64(argv[2]);
    if (timeout === null) {
      client.reply.error('ERR timeout is not an integer or out of range');
      return;
    }
    if (timeout < 0n) {
      client.reply.error('ERR timeout is negative');
      return;
    }
    const now = client.server.keyspace.now();
    const end = timeout === 0n ? 0 : Number(BigInt.asIntN(64, timeout + BigInt(now)));
    client.server.pause.pause('client', end, mode);
    client.reply.ok();
  },
});
