import { defineCommand, parseInteger, type Client } from '@drake/commands';
import type { FailoverRequest } from '../master/failover';
import { replicationOf } from './replication-of';

const NOT_AN_INTEGER = 'ERR value is not an integer or out of range';

/**
 * FAILOVER [TO host port [FORCE]] [TIMEOUT ms] | FAILOVER ABORT (Redis 6.2+): hands this master's role to a replica
 * with no acknowledged write lost (see Failover). Answers OK once the failover started; INFO's
 * master_failover_state and ROLE show how it goes.
 */
export const failoverCommand = defineCommand({
  name: 'failover',
  arity: -1,
  flags: ['admin', 'noscript', 'stale'],
  categories: ['admin', 'slow', 'dangerous'],
  group: 'server',
  summary: 'Start a coordinated failover between this server and one of its replicas.',
  since: '6.2.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const failover = replicationOf(client).failover;
    if (argv.length === 2 && argv[1].toLowerCase() === 'abort') {
      if (failover.state === 'no-failover') return client.reply.error('ERR No failover in progress.');
      failover.abort('failover manually aborted');
      return client.reply.ok();
    }
    const request = parseRequest(client, argv);
    if (request === null) return;
    const error = failover.start(request);
    if (error !== null) client.reply.error(error);
    else client.reply.ok();
  },
});

/** The options in Redis's way: each at most once, TIMEOUT above 0; writes the error and returns null otherwise. */
function parseRequest(client: Client, argv: string[]): FailoverRequest | null {
  let timeoutMs = 0;
  let force = false;
  let target: { host: string; port: number } | null = null;
  for (let j = 1; j < argv.length; j++) {
    const option = argv[j].toLowerCase();
    if (option === 'timeout' && j + 1 < argv.length && timeoutMs === 0) {
      const ms = parseInteger(argv[j + 1]);
      if (ms === null) return fail(client, NOT_AN_INTEGER);
      if (ms <= 0) return fail(client, 'ERR FAILOVER timeout must be greater than 0');
      timeoutMs = ms;
      j++;
    } else if (option === 'to' && j + 2 < argv.length && target === null) {
      const port = parseInteger(argv[j + 2]);
      if (port === null) return fail(client, NOT_AN_INTEGER);
      target = { host: argv[j + 1], port };
      j += 2;
    } else if (option === 'force' && !force) {
      force = true;
    } else {
      return fail(client, 'ERR syntax error');
    }
  }
  return { target, timeoutMs, force };
}

function fail(client: Client, error: string): null {
  client.reply.error(error);
  return null;
}
