/**
 * Error counters against a real redis-server 7.0: INFO errorstats (per error code), total_error_replies, and
 * commandstats' rejected_calls (refused before running: arity, MULTI queueing, subscriber context) and
 * failed_calls (an error while running, or a blocked command answered with an error later), with several clients.
 * Durations differ between two servers and are blanked; every other byte must be equal.
 */
import { RedisFixture } from '../testing/differential';
import { block, drakeTranscript, redisTranscript, reply, run, type Step } from '../testing/multi-client';
import { allCommands } from '../all-commands';
import { redisAvailable } from '../testing/redis-oracle';

const describeWithRedis = redisAvailable('error-stats.differential.spec') ? describe : describe.skip;

/** The commands whose counters are compared (the harness itself sends INFO, HELLO, CLIENT and FLUSHALL). */
const WATCHED = new Set([
  'get',
  'set',
  'incr',
  'lpush',
  'multi',
  'exec',
  'blpop',
  'xreadgroup',
  'xgroup|destroy',
  'xgroup|create',
  'client|unblock',
  'config|get',
  'subscribe',
  'zadd',
  'nosuch',
]);

/**
 * An INFO reply with the watched commands' stats only, durations blanked and lines sorted (Redis lists commandstats
 * in its command table's hash order); other replies as they are.
 */
function comparable(line: string): string {
  if (!/# (Commandstats|Errorstats|Stats)\\r/.test(line)) return line;
  const text = JSON.parse(line.slice(line.indexOf('-> ') + 3)) as string;
  const kept = text
    .split('\r\n')
    .slice(1)
    .filter((l) =>
      l.startsWith('cmdstat_')
        ? WATCHED.has(l.slice(8, l.indexOf(':')))
        : !l.includes(':') || l.startsWith('errorstat_') || l.startsWith('total_error_replies:'),
    )
    .map((l) => l.replace(/usec=\d+,usec_per_call=[\d.]+/, 'usec=U'))
    .sort();
  return `${line.slice(0, line.indexOf('-> '))}-> ${kept.join('|')}`;
}

const SCENARIOS: Record<string, Step[]> = {
  'errors while running and refused before': [
    run(0, 'CONFIG', 'RESETSTAT'),
    run(0, 'SET', 'k', 'v'),
    run(0, 'INCR', 'k'),
    run(0, 'LPUSH', 'k', 'x'),
    run(0, 'GET'),
    run(0, 'SET', 'k', 'v', 'NX', 'XX'),
    run(0, 'NOSUCH', 'cmd'),
    run(0, 'CONFIG', 'GET'),
    run(0, 'CONFIG', 'NOSUCH'),
    run(0, 'ZADD', 'z', 'nan', 'm'),
    run(0, 'INFO', 'stats'),
    run(0, 'INFO', 'errorstats'),
    run(0, 'INFO', 'commandstats'),
  ],
  'transactions: queueing errors, EXECABORT, errors inside EXEC': [
    run(0, 'CONFIG', 'RESETSTAT'),
    run(0, 'MULTI'),
    run(0, 'SET', 'k'),
    run(0, 'EXEC'),
    run(0, 'SET', 'k', 'v'),
    run(0, 'MULTI'),
    run(0, 'INCR', 'k'),
    run(0, 'GET', 'k'),
    run(0, 'EXEC'),
    run(0, 'EXEC'),
    run(0, 'INFO', 'errorstats'),
    run(0, 'INFO', 'commandstats'),
  ],
  'blocked commands answered with an error': [
    run(1, 'CONFIG', 'RESETSTAT'),
    run(1, 'XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM'),
    block(0, 'XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>'),
    run(1, 'XGROUP', 'DESTROY', 's', 'g'),
    reply(0),
    block(0, 'BLPOP', 'l', '0'),
    run(1, 'CLIENT', 'UNBLOCK', '{id0}', 'ERROR'),
    reply(0),
    run(1, 'INFO', 'stats'),
    run(1, 'INFO', 'errorstats'),
    run(1, 'INFO', 'commandstats'),
  ],
  'subscriber context and resetstat': [
    run(0, 'CONFIG', 'RESETSTAT'),
    run(0, 'SUBSCRIBE', 'ch'),
    run(0, 'GET', 'k'),
    run(1, 'INFO', 'errorstats'),
    run(1, 'CONFIG', 'RESETSTAT'),
    run(1, 'INFO', 'errorstats'),
    run(1, 'INFO', 'commandstats'),
  ],
};

describeWithRedis('error counters: Drake vs redis-server', () => {
  const fixture = new RedisFixture();
  beforeAll(() => fixture.start());
  afterAll(() => fixture.stop());

  for (const [name, steps] of Object.entries(SCENARIOS)) {
    it(name, async () => {
      const redis = (await redisTranscript(fixture.redis, 2, steps)).map(comparable);
      const drake = (await drakeTranscript(allCommands, 2, steps)).map(comparable);
      expect(drake).toEqual(redis);
    });
  }
});
