/**
 * Blocking list and sorted-set commands against a real redis-server 7.0 with several clients: immediate
 * answers, wake-ups by pushes from other clients and from inside MULTI, FIFO fairness between waiters,
 * timeouts, WRONGTYPE, BLMOVE chains, and argument errors — replies byte for byte in RESP2 and RESP3.
 */
import { block, reply, run, sleep, type Step } from '../testing/multi-client';
import { describeScenarios } from '../testing/scenario-suite';

const SCENARIOS: Record<string, Step[]> = {
  'blpop served at once': [
    run(0, 'RPUSH', 'l', 'a', 'b'),
    run(0, 'BLPOP', 'none', 'l', '0'),
    run(0, 'LRANGE', 'l', '0', '-1'),
  ],
  'brpop last element deletes key': [
    run(0, 'RPUSH', 'l', 'a'),
    run(0, 'BRPOP', 'l', '1'),
    run(0, 'EXISTS', 'l'),
  ],
  'blpop wrongtype first': [
    run(0, 'SET', 's', 'x'),
    run(0, 'RPUSH', 'l', 'a'),
    run(0, 'BLPOP', 's', 'l', '0'),
  ],
  'blpop skips missing then wrongtype': [run(0, 'SET', 's', 'x'), run(0, 'BLPOP', 'none', 's', '0')],
  'blpop woken by rpush': [
    block(0, 'BLPOP', 'l', '0'),
    run(1, 'RPUSH', 'l', 'a', 'b'),
    reply(0),
    run(1, 'LRANGE', 'l', '0', '-1'),
  ],
  'brpop woken on second key': [
    block(0, 'BRPOP', 'l1', 'l2', '0'),
    run(1, 'LPUSH', 'l2', 'x', 'y'),
    reply(0),
    run(1, 'LRANGE', 'l2', '0', '-1'),
  ],
  'fifo between waiters': [
    block(0, 'BLPOP', 'l', '0'),
    block(1, 'BLPOP', 'l', '0'),
    run(2, 'RPUSH', 'l', 'a'),
    reply(0),
    run(2, 'RPUSH', 'l', 'b'),
    reply(1),
    run(2, 'EXISTS', 'l'),
  ],
  'one push of two serves two waiters': [
    block(0, 'BLPOP', 'l', '0'),
    block(1, 'BRPOP', 'l', '0'),
    run(2, 'RPUSH', 'l', 'a', 'b', 'c'),
    reply(0),
    reply(1),
    run(2, 'LRANGE', 'l', '0', '-1'),
  ],
  'woken by push inside multi': [
    block(0, 'BLPOP', 'l', '0'),
    run(1, 'MULTI'),
    run(1, 'RPUSH', 'l', 'a'),
    run(1, 'RPUSH', 'l', 'b'),
    run(1, 'EXEC'),
    reply(0),
    run(1, 'LRANGE', 'l', '0', '-1'),
  ],
  'push then pop inside multi leaves nothing': [
    block(0, 'BLPOP', 'l', '0'),
    run(1, 'MULTI'),
    run(1, 'RPUSH', 'l', 'a'),
    run(1, 'LPOP', 'l'),
    run(1, 'EXEC'),
    run(1, 'RPUSH', 'l', 'z'),
    reply(0),
  ],
  'not woken by a string': [
    block(0, 'BLPOP', 'k', '0'),
    run(1, 'SET', 'k', 'str'),
    run(1, 'DEL', 'k'),
    run(1, 'RPUSH', 'k', 'v'),
    reply(0),
  ],
  'blpop timeout': [block(0, 'BLPOP', 'l', '0.05'), sleep(200), reply(0), run(0, 'PING')],
  'bzpopmin timeout': [block(0, 'BZPOPMIN', 'z', '0.05'), sleep(200), reply(0)],
  'blmove timeout': [block(0, 'BLMOVE', 'l', 'd', 'LEFT', 'LEFT', '0.05'), sleep(200), reply(0)],
  'blmpop timeout': [block(0, 'BLMPOP', '0.05', '2', 'a', 'b', 'LEFT'), sleep(200), reply(0)],
  'timeout errors': [
    run(0, 'BLPOP', 'l', '-1'),
    run(0, 'BLPOP', 'l', 'abc'),
    run(0, 'BLPOP', 'l', 'inf'),
    run(0, 'BLPOP', 'l', '1e100'),
    run(0, 'BLPOP', 'l', ' 1'),
    // Read as a long double: past a double's range but inside a long double's is a (negative) time.
    run(0, 'BLPOP', 'l', '1e400'),
    run(0, 'BLPOP', 'l', '-0x1p1100'),
    run(0, 'BLPOP', 'l', '1e5000'),
    run(0, 'BLPOP', 'l', '0'.repeat(5200) + '1'),
    run(0, 'BZPOPMAX', 'z', '-0.5'),
    run(0, 'BLMOVE', 'a', 'b', 'LEFT', 'RIGHT', 'x'),
    run(0, 'BRPOPLPUSH', 'a', 'b', '-3'),
    run(0, 'BLPOP', 'l'),
  ],
  'blmove argument errors': [
    run(0, 'BLMOVE', 'a', 'b', 'UP', 'RIGHT', '0'),
    run(0, 'BLMOVE', 'a', 'b', 'LEFT', 'DOWN', 'x'),
  ],
  'blmpop argument errors': [
    run(0, 'BLMPOP', '0', '0', 'a', 'LEFT'),
    run(0, 'BLMPOP', 'x', '1', 'a', 'LEFT'),
    run(0, 'BLMPOP', '0', '1', 'a', 'UP'),
    run(0, 'BLMPOP', '0', '1', 'a', 'LEFT', 'COUNT', '0'),
    run(0, 'BLMPOP', '0', '1', 'a', 'LEFT', 'COUNT', '2', 'COUNT', '2'),
    run(0, 'BLMPOP', '0', '5', 'a', 'LEFT'),
  ],
  'bzmpop argument errors': [
    run(0, 'BZMPOP', '0', '0', 'a', 'MIN'),
    run(0, 'BZMPOP', 'x', '1', 'a', 'MIN'),
    run(0, 'BZMPOP', '0', '1', 'a', 'UP'),
    run(0, 'BZMPOP', '0', '1', 'a', 'MIN', 'COUNT', '-1'),
  ],
  'blmpop served at once with count': [
    run(0, 'RPUSH', 'b', '1', '2', '3'),
    run(0, 'BLMPOP', '0', '2', 'a', 'b', 'RIGHT', 'COUNT', '2'),
    run(0, 'BLMPOP', '0', '2', 'a', 'b', 'LEFT', 'COUNT', '5'),
    run(0, 'EXISTS', 'b'),
  ],
  'blmpop woken': [
    block(0, 'BLMPOP', '0', '2', 'a', 'b', 'LEFT', 'COUNT', '2'),
    run(1, 'RPUSH', 'b', 'x', 'y', 'z'),
    reply(0),
    run(1, 'LRANGE', 'b', '0', '-1'),
  ],
  'blmove served at once': [
    run(0, 'RPUSH', 's', 'a', 'b'),
    run(0, 'BLMOVE', 's', 'd', 'RIGHT', 'LEFT', '0'),
    run(0, 'BRPOPLPUSH', 's', 'd', '0'),
    run(0, 'LRANGE', 'd', '0', '-1'),
    run(0, 'EXISTS', 's'),
  ],
  'blmove source wrongtype': [run(0, 'SET', 's', 'x'), run(0, 'BLMOVE', 's', 'd', 'LEFT', 'LEFT', '0')],
  'blmove woken': [
    block(0, 'BLMOVE', 's', 'd', 'LEFT', 'RIGHT', '0'),
    run(1, 'RPUSH', 's', 'a', 'b'),
    reply(0),
    run(1, 'LRANGE', 's', '0', '-1'),
    run(1, 'LRANGE', 'd', '0', '-1'),
  ],
  'blmove woken with wrongtype destination': [
    run(1, 'SET', 'd', 'str'),
    block(0, 'BLMOVE', 's', 'd', 'LEFT', 'RIGHT', '0'),
    run(1, 'RPUSH', 's', 'a'),
    reply(0),
    run(1, 'LRANGE', 's', '0', '-1'),
  ],
  'brpoplpush chain serves the next waiter': [
    block(0, 'BRPOPLPUSH', 'a', 'b', '0'),
    block(1, 'BLPOP', 'b', '0'),
    run(2, 'RPUSH', 'a', 'x'),
    reply(0),
    reply(1),
    run(2, 'EXISTS', 'a', 'b'),
  ],
  'blmove rotating the same list': [
    block(0, 'BLMOVE', 'r', 'r', 'LEFT', 'RIGHT', '0'),
    run(1, 'RPUSH', 'r', 'a', 'b'),
    reply(0),
    run(1, 'LRANGE', 'r', '0', '-1'),
  ],
  'bzpopmin served at once': [
    run(0, 'ZADD', 'z', '1.5', 'a', '2', 'b'),
    run(0, 'BZPOPMIN', 'none', 'z', '0'),
    run(0, 'BZPOPMAX', 'z', '0'),
    run(0, 'EXISTS', 'z'),
  ],
  'bzpopmax wrongtype': [run(0, 'RPUSH', 'l', 'a'), run(0, 'BZPOPMAX', 'l', '0')],
  'bzpopmin woken': [
    block(0, 'BZPOPMIN', 'z1', 'z2', '0'),
    run(1, 'ZADD', 'z2', '3', 'c', '-inf', 'lo'),
    reply(0),
    run(1, 'ZRANGE', 'z2', '0', '-1', 'WITHSCORES'),
  ],
  'bzpopmax fifo': [
    block(0, 'BZPOPMAX', 'z', '0'),
    block(1, 'BZPOPMAX', 'z', '0'),
    run(2, 'ZADD', 'z', '1', 'a', '2', 'b', '3', 'c'),
    reply(0),
    reply(1),
    run(2, 'ZRANGE', 'z', '0', '-1'),
  ],
  'bzmpop served and woken': [
    run(0, 'ZADD', 'z', '1', 'a', '2', 'b'),
    run(0, 'BZMPOP', '0', '1', 'z', 'MAX', 'COUNT', '5'),
    block(0, 'BZMPOP', '0', '2', 'y', 'z', 'MIN', 'COUNT', '2'),
    run(1, 'ZADD', 'z', '5', 'e', '4', 'd', '6', 'f'),
    reply(0),
    run(1, 'ZRANGE', 'z', '0', '-1', 'WITHSCORES'),
  ],
  'list waiter not woken by zset': [
    block(0, 'BLPOP', 'k', '0'),
    run(1, 'ZADD', 'k', '1', 'a'),
    run(1, 'DEL', 'k'),
    run(1, 'LPUSH', 'k', 'v'),
    reply(0),
  ],
  'woken by lmove into the key': [
    run(1, 'RPUSH', 'src', 'x'),
    block(0, 'BLPOP', 'dst', '0'),
    run(1, 'LMOVE', 'src', 'dst', 'LEFT', 'LEFT'),
    reply(0),
    run(1, 'EXISTS', 'src', 'dst'),
  ],
  'woken by rename into the key': [
    run(1, 'RPUSH', 'src', 'x', 'y'),
    block(0, 'BRPOP', 'dst', '0'),
    run(1, 'RENAME', 'src', 'dst'),
    reply(0),
    run(1, 'LRANGE', 'dst', '0', '-1'),
  ],
  'blocked in db 1, push in db 0 does not wake': [
    run(0, 'SELECT', '1'),
    block(0, 'BLPOP', 'l', '0'),
    run(1, 'RPUSH', 'l', 'db0'),
    run(1, 'SELECT', '1'),
    run(1, 'RPUSH', 'l', 'db1'),
    reply(0),
    run(1, 'SELECT', '0'),
    run(1, 'LRANGE', 'l', '0', '-1'),
  ],
};

describeScenarios(
  'blocking.differential.spec',
  'blocking commands: Drake vs redis-server, byte for byte',
  SCENARIOS,
);

const UNBLOCK_SCENARIOS: Record<string, Step[]> = {
  'client unblock timeout': [block(0, 'BLPOP', 'l', '0'), run(1, 'CLIENT', 'UNBLOCK', '{id0}'), reply(0)],
  'client unblock error': [
    block(0, 'BZPOPMIN', 'z', '0'),
    run(1, 'CLIENT', 'UNBLOCK', '{id0}', 'ERROR'),
    reply(0),
  ],
  'client unblock blmove': [
    block(0, 'BLMOVE', 'a', 'b', 'LEFT', 'LEFT', '0'),
    run(1, 'CLIENT', 'UNBLOCK', '{id0}'),
    reply(0),
  ],
  'client unblock not blocked': [run(1, 'CLIENT', 'UNBLOCK', '{id0}'), run(1, 'CLIENT', 'UNBLOCK', '999999')],
  'client unblock errors': [
    run(1, 'CLIENT', 'UNBLOCK', 'x'),
    run(1, 'CLIENT', 'UNBLOCK', '1', 'LATER'),
    run(1, 'CLIENT', 'UNBLOCK', '1', 'TIMEOUT', 'x'),
  ],
};

describeScenarios(
  'blocking.differential.spec',
  'CLIENT UNBLOCK: Drake vs redis-server',
  UNBLOCK_SCENARIOS,
  [2],
);
