/**
 * MULTI/EXEC/DISCARD/WATCH against a real redis-server 7.0: scripted scenarios with one to three clients,
 * replies compared byte for byte in RESP2 and RESP3 (queueing errors, EXECABORT, runtime errors inside EXEC,
 * WATCH broken by writes from other clients, by expiry, by FLUSHDB/FLUSHALL, and not broken by no-op writes).
 */
import { allCommands } from '../all-commands';
import { PROTOCOLS, RedisFixture } from '../testing/differential';
import { drakeTranscript, redisTranscript, run, sleep, type Step } from '../testing/multi-client';
import { redisAvailable } from '../testing/redis-oracle';

const describeWithRedis = redisAvailable('transactions.differential.spec') ? describe : describe.skip;

/** WATCH k on client 0, `cmds` from client 1, then a transaction on client 0 that shows whether EXEC ran. */
function watchThen(setup: string[][], ...cmds: string[][]): Step[] {
  return [
    ...setup.map((c) => run(1, ...c)),
    run(0, 'WATCH', 'k'),
    ...cmds.map((c) => run(1, ...c)),
    run(0, 'MULTI'),
    run(0, 'INCR', 'counter'),
    run(0, 'EXEC'),
    run(0, 'GET', 'counter'),
  ];
}

const SCENARIOS: Record<string, Step[]> = {
  'basic exec': [
    run(0, 'MULTI'),
    run(0, 'SET', 'a', '1'),
    run(0, 'INCR', 'a'),
    run(0, 'GET', 'a'),
    run(0, 'EXEC'),
  ],
  'empty exec': [run(0, 'MULTI'), run(0, 'EXEC')],
  'exec without multi': [run(0, 'EXEC')],
  'discard without multi': [run(0, 'DISCARD')],
  discard: [run(0, 'MULTI'), run(0, 'SET', 'a', '1'), run(0, 'DISCARD'), run(0, 'GET', 'a'), run(0, 'EXEC')],
  'nested multi': [run(0, 'MULTI'), run(0, 'MULTI'), run(0, 'PING'), run(0, 'EXEC')],
  'watch inside multi': [run(0, 'MULTI'), run(0, 'WATCH', 'x'), run(0, 'PING'), run(0, 'EXEC')],
  'unknown command aborts': [
    run(0, 'MULTI'),
    run(0, 'NOPE', 'x'),
    run(0, 'SET', 'a', '1'),
    run(0, 'EXEC'),
    run(0, 'GET', 'a'),
  ],
  'arity error aborts': [run(0, 'MULTI'), run(0, 'SET', 'a'), run(0, 'EXEC'), run(0, 'EXISTS', 'a')],
  'exec with arguments': [
    run(0, 'MULTI'),
    run(0, 'SET', 'a', '1'),
    run(0, 'EXEC', 'x'),
    run(0, 'EXEC'),
    run(0, 'EXISTS', 'a'),
  ],
  'exec with arguments outside multi': [run(0, 'EXEC', 'x')],
  'discard with arguments': [run(0, 'MULTI'), run(0, 'DISCARD', 'x'), run(0, 'EXEC')],
  'no-multi command': [run(0, 'MULTI'), run(0, 'SHUTDOWN'), run(0, 'EXEC')],
  'runtime errors do not abort': [
    run(0, 'SET', 's', 'str'),
    run(0, 'MULTI'),
    run(0, 'LPUSH', 's', 'x'),
    run(0, 'INCR', 's'),
    run(0, 'SET', 'b', '2'),
    run(0, 'EXEC'),
    run(0, 'GET', 'b'),
  ],
  'syntax error is a runtime error': [
    run(0, 'MULTI'),
    run(0, 'SET', 'a', '1', 'XX', 'NX'),
    run(0, 'PING'),
    run(0, 'EXEC'),
  ],
  'select inside multi': [
    run(0, 'MULTI'),
    run(0, 'SELECT', '2'),
    run(0, 'SET', 'a', 'in2'),
    run(0, 'EXEC'),
    run(0, 'GET', 'a'),
    run(0, 'SELECT', '0'),
    run(0, 'EXISTS', 'a'),
  ],
  'blocking command inside multi': [
    run(0, 'MULTI'),
    run(0, 'BLPOP', 'nolist', '0'),
    run(0, 'BRPOPLPUSH', 'nolist', 'dst', '0'),
    run(0, 'BZPOPMIN', 'nozset', '0'),
    run(0, 'BLMPOP', '0', '1', 'nolist', 'LEFT'),
    run(0, 'EXEC'),
  ],
  'blocking command inside multi with data': [
    run(0, 'RPUSH', 'l', 'a', 'b'),
    run(0, 'MULTI'),
    run(0, 'BLPOP', 'l', '0'),
    run(0, 'BLMOVE', 'l', 'm', 'LEFT', 'RIGHT', '0'),
    run(0, 'EXEC'),
  ],
  'multi then reset': [
    run(0, 'MULTI'),
    run(0, 'SET', 'a', '1'),
    run(0, 'RESET'),
    run(0, 'EXEC'),
    run(0, 'EXISTS', 'a'),
  ],
  'ping and echo in multi': [
    run(0, 'MULTI'),
    run(0, 'PING'),
    run(0, 'PING', 'x'),
    run(0, 'ECHO', 'y'),
    run(0, 'EXEC'),
  ],
  'watch unmodified key': watchThen([['SET', 'k', '1']]),
  'watch broken by set': watchThen([['SET', 'k', '1']], ['SET', 'k', '2']),
  'watch broken by set of same value': watchThen([['SET', 'k', '1']], ['SET', 'k', '1']),
  'watch missing key then created': watchThen([], ['SET', 'k', '1']),
  'watch broken by del': watchThen([['SET', 'k', '1']], ['DEL', 'k']),
  'watch not broken by del of missing': watchThen([], ['DEL', 'k']),
  'watch broken by expire': watchThen([['SET', 'k', '1']], ['EXPIRE', 'k', '100']),
  'watch broken by persist': watchThen([['SET', 'k', '1', 'EX', '100']], ['PERSIST', 'k']),
  'watch not broken by persist without ttl': watchThen([['SET', 'k', '1']], ['PERSIST', 'k']),
  'watch broken by lpush': watchThen([], ['LPUSH', 'k', 'a']),
  'watch broken by rename to it': watchThen([['SET', 'o', '1']], ['RENAME', 'o', 'k']),
  'watch broken by rename from it': watchThen([['SET', 'k', '1']], ['RENAME', 'k', 'o']),
  'watch broken by flushdb': watchThen([['SET', 'k', '1']], ['FLUSHDB']),
  'watch not broken by flushdb of missing key': watchThen([['SET', 'other', '1']], ['FLUSHDB']),
  'watch broken by flushall': watchThen([['SET', 'k', '1']], ['FLUSHALL']),
  'watch in other db not broken': [
    run(0, 'SET', 'k', '1'),
    run(0, 'WATCH', 'k'),
    run(1, 'SELECT', '1'),
    run(1, 'SET', 'k', '2'),
    run(0, 'MULTI'),
    run(0, 'PING'),
    run(0, 'EXEC'),
  ],
  'watch broken by own write': [
    run(0, 'WATCH', 'k'),
    run(0, 'SET', 'k', '1'),
    run(0, 'MULTI'),
    run(0, 'PING'),
    run(0, 'EXEC'),
  ],
  'unwatch clears dirty': [
    run(0, 'WATCH', 'k'),
    run(1, 'SET', 'k', '1'),
    run(0, 'UNWATCH'),
    run(0, 'MULTI'),
    run(0, 'PING'),
    run(0, 'EXEC'),
  ],
  'discard unwatches': [
    run(0, 'WATCH', 'k'),
    run(0, 'MULTI'),
    run(0, 'DISCARD'),
    run(1, 'SET', 'k', '1'),
    run(0, 'MULTI'),
    run(0, 'PING'),
    run(0, 'EXEC'),
  ],
  'exec unwatches': [
    run(0, 'WATCH', 'k'),
    run(0, 'MULTI'),
    run(0, 'EXEC'),
    run(1, 'SET', 'k', '1'),
    run(0, 'MULTI'),
    run(0, 'PING'),
    run(0, 'EXEC'),
  ],
  'watch after dirty stays dirty': [
    run(0, 'WATCH', 'k'),
    run(1, 'SET', 'k', '1'),
    run(0, 'WATCH', 'other'),
    run(0, 'MULTI'),
    run(0, 'PING'),
    run(0, 'EXEC'),
  ],
  'two watchers both broken': [
    run(0, 'WATCH', 'k'),
    run(1, 'WATCH', 'k'),
    run(2, 'SET', 'k', 'x'),
    run(0, 'MULTI'),
    run(0, 'PING'),
    run(0, 'EXEC'),
    run(1, 'MULTI'),
    run(1, 'PING'),
    run(1, 'EXEC'),
  ],
  'watch then key expires': [
    run(1, 'SET', 'k', '1', 'PX', '30'),
    run(0, 'WATCH', 'k'),
    sleep(60),
    run(0, 'MULTI'),
    run(0, 'PING'),
    run(0, 'EXEC'),
  ],
  'watch already expired key then deleted': [
    run(1, 'DEBUG', 'SET-ACTIVE-EXPIRE', '0'),
    run(1, 'SET', 'k', '1', 'PX', '10'),
    sleep(30),
    run(0, 'WATCH', 'k'),
    run(1, 'DEL', 'k'),
    run(0, 'MULTI'),
    run(0, 'PING'),
    run(0, 'EXEC'),
    run(1, 'DEBUG', 'SET-ACTIVE-EXPIRE', '1'),
  ],
  'watched counter race': [
    run(1, 'SET', 'k', '10'),
    run(0, 'WATCH', 'k'),
    run(0, 'GET', 'k'),
    run(1, 'WATCH', 'k'),
    run(1, 'GET', 'k'),
    run(0, 'MULTI'),
    run(0, 'SET', 'k', '11'),
    run(1, 'MULTI'),
    run(1, 'SET', 'k', '11'),
    run(0, 'EXEC'),
    run(1, 'EXEC'),
    run(0, 'GET', 'k'),
  ],
  'queued then aborted keeps answering QUEUED': [
    run(0, 'MULTI'),
    run(0, 'NOPE'),
    run(0, 'SET', 'a', '1'),
    run(0, 'GET', 'a'),
    run(0, 'EXEC'),
  ],
  'multi reply of mixed types': [
    run(0, 'RPUSH', 'l', 'a', 'b'),
    run(0, 'HSET', 'h', 'f', 'v'),
    run(0, 'MULTI'),
    run(0, 'LRANGE', 'l', '0', '-1'),
    run(0, 'HGETALL', 'h'),
    run(0, 'GET', 'missing'),
    run(0, 'INCRBYFLOAT', 'f', '1.5'),
    run(0, 'ZADD', 'z', '1', 'm'),
    run(0, 'ZSCORE', 'z', 'm'),
    run(0, 'EXEC'),
  ],
};

describeWithRedis('MULTI/EXEC/WATCH: Drake vs redis-server, byte for byte', () => {
  const fixture = new RedisFixture();
  beforeAll(() => fixture.start());
  afterAll(() => fixture.stop());

  for (const protocol of PROTOCOLS) {
    for (const [name, steps] of Object.entries(SCENARIOS)) {
      it(`RESP${protocol}: ${name}`, async () => {
        const redis = await redisTranscript(fixture.redis, protocol, steps);
        const drake = await drakeTranscript(allCommands, protocol, steps);
        expect(drake).toEqual(redis);
      });
    }
  }
});
