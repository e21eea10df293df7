/**
 * SWAPDB, and what swapping or flushing a database does to other clients, against a real redis-server 7.0:
 * keys and TTLs trade places, WATCHes on either side are dirtied (expired-at-WATCH keys as Redis 7.0 treats
 * them), blocked clients stay in their database and are served by what arrives there, and a blocked XREADGROUP
 * whose stream goes away (SWAPDB, FLUSHDB, FLUSHALL) is told so. Replies byte for byte in RESP2 and RESP3.
 */
import { block, reply, run, sleep, type Step } from '../testing/multi-client';
import { describeScenarios } from '../testing/scenario-suite';

/** Steps that show whether client `c`'s EXEC of a watched transaction goes through. */
const exec = (c: number): Step[] => [run(c, 'MULTI'), run(c, 'PING'), run(c, 'EXEC')];

/** A key past its TTL that nobody reaps (the active cycle is off until `activeExpireOn`). */
const expiredKey = (c: number, key: string): Step[] => [
  run(c, 'DEBUG', 'SET-ACTIVE-EXPIRE', '0'),
  run(c, 'SET', key, 'gone', 'PX', '1'),
  sleep(20),
];
const activeExpireOn = (c: number): Step => run(c, 'DEBUG', 'SET-ACTIVE-EXPIRE', '1');

/** A stream `s` with group `g` in client `c`'s database, and client `w` blocked reading new entries of it. */
const blockedGroupReader = (c: number, w: number): Step[] => [
  run(c, 'XADD', 's', '1-1', 'f', 'v'),
  run(c, 'XGROUP', 'CREATE', 's', 'g', '$'),
  block(w, 'XREADGROUP', 'GROUP', 'g', 'alice', 'BLOCK', '0', 'STREAMS', 's', '>'),
];

const SCENARIOS: Record<string, Step[]> = {
  'keys and ttls trade places': [
    run(0, 'SET', 'a', '1'),
    run(0, 'PEXPIRE', 'a', '100000'),
    run(0, 'HSET', 'h', 'f', 'v'),
    run(0, 'SELECT', '3'),
    run(0, 'RPUSH', 'b', 'x', 'y'),
    run(0, 'SWAPDB', '0', '3'),
    run(0, 'LRANGE', 'b', '0', '-1'),
    run(0, 'GET', 'a'),
    run(0, 'TTL', 'a'),
    run(0, 'HGETALL', 'h'),
    run(0, 'DBSIZE'),
    run(0, 'SELECT', '0'),
    run(0, 'LRANGE', 'b', '0', '-1'),
    run(0, 'EXISTS', 'a', 'h'),
    run(0, 'DBSIZE'),
    run(0, 'SWAPDB', '3', '0'),
    run(0, 'TTL', 'a'),
    run(0, 'DBSIZE'),
  ],
  'swap with an empty database and back': [
    run(0, 'MSET', 'x', '1', 'y', '2'),
    run(0, 'SWAPDB', '0', '15'),
    run(0, 'DBSIZE'),
    run(0, 'KEYS', '*'),
    run(0, 'SWAPDB', '15', '0'),
    run(0, 'MGET', 'x', 'y'),
  ],
  'same index is a no-op': [run(0, 'SET', 'k', 'v'), run(0, 'SWAPDB', '0', '0'), run(0, 'GET', 'k')],
  'argument errors': [
    run(0, 'SWAPDB', 'x', '1'),
    run(0, 'SWAPDB', '1', 'y'),
    run(0, 'SWAPDB', 'x', 'y'),
    run(0, 'SWAPDB', '99999999999', '1'),
    run(0, 'SWAPDB', '1', '-2147483649'),
    run(0, 'SWAPDB', '1', '-1'),
    run(0, 'SWAPDB', '16', '0'),
    run(0, 'SWAPDB', '2147483647', '0'),
    run(0, 'SWAPDB', ' 1', '0'),
    run(0, 'SWAPDB', '1.0', '0'),
    run(0, 'SWAPDB', '0'),
    run(0, 'SWAPDB', '0', '1', '2'),
  ],
  'inside multi': [
    run(0, 'SET', 'k', 'v'),
    run(0, 'MULTI'),
    run(0, 'SWAPDB', '0', '1'),
    run(0, 'GET', 'k'),
    run(0, 'SWAPDB', '0', '99'),
    run(0, 'EXEC'),
    run(0, 'SELECT', '1'),
    run(0, 'GET', 'k'),
  ],
  'watch of a key in the swapped db is dirtied': [
    run(1, 'SET', 'k', 'v'),
    run(0, 'WATCH', 'k'),
    run(1, 'SWAPDB', '0', '1'),
    ...exec(0),
  ],
  'watch of a key the other db holds is dirtied': [
    run(1, 'SELECT', '1'),
    run(1, 'SET', 'k', 'v'),
    run(0, 'WATCH', 'k'),
    run(1, 'SWAPDB', '1', '0'),
    ...exec(0),
  ],
  'watch of a key neither db holds is kept': [
    run(1, 'SET', 'other', 'v'),
    run(0, 'WATCH', 'k'),
    run(1, 'SWAPDB', '0', '1'),
    ...exec(0),
  ],
  'watch in an unrelated db is kept': [
    run(0, 'SELECT', '5'),
    run(0, 'SET', 'k', 'v'),
    run(0, 'WATCH', 'k'),
    run(1, 'SET', 'k', 'v'),
    run(1, 'SWAPDB', '0', '1'),
    ...exec(0),
  ],
  'watch of an expired key swapped for nothing is kept': [
    ...expiredKey(1, 'k'),
    run(0, 'WATCH', 'k'),
    run(1, 'SWAPDB', '0', '1'),
    ...exec(0),
    activeExpireOn(1),
  ],
  'watch of an expired key swapped for a live one is dirtied': [
    ...expiredKey(1, 'k'),
    run(0, 'WATCH', 'k'),
    run(1, 'SELECT', '1'),
    run(1, 'SET', 'k', 'live'),
    run(1, 'SWAPDB', '0', '1'),
    ...exec(0),
    activeExpireOn(1),
  ],
  'watch of an expired key swapped for an expired one is kept': [
    ...expiredKey(1, 'k'),
    run(0, 'WATCH', 'k'),
    run(1, 'SELECT', '1'),
    ...expiredKey(1, 'k'),
    run(1, 'SWAPDB', '0', '1'),
    ...exec(0),
    activeExpireOn(1),
  ],
  'watch of a missing key swapped for an expired one is kept': [
    run(1, 'SELECT', '1'),
    ...expiredKey(1, 'k'),
    run(0, 'WATCH', 'k'),
    run(1, 'SWAPDB', '0', '1'),
    ...exec(0),
    activeExpireOn(1),
  ],
  'blpop served by the list the swap brings': [
    block(0, 'BLPOP', 'l', '0'),
    run(1, 'SELECT', '1'),
    run(1, 'RPUSH', 'l', 'a', 'b'),
    run(1, 'SWAPDB', '1', '0'),
    reply(0),
    run(1, 'LRANGE', 'l', '0', '-1'),
    run(1, 'SELECT', '0'),
    run(1, 'LRANGE', 'l', '0', '-1'),
  ],
  'blpop stays blocked when the swap brings a string': [
    block(0, 'BLPOP', 'l', '0'),
    run(1, 'SELECT', '1'),
    run(1, 'SET', 'l', 'str'),
    run(1, 'SWAPDB', '1', '0'),
    run(1, 'SELECT', '0'),
    run(1, 'DEL', 'l'),
    run(1, 'RPUSH', 'l', 'late'),
    reply(0),
  ],
  'bzpopmin served by the zset the swap brings': [
    block(0, 'BZPOPMIN', 'z', '0'),
    run(1, 'SELECT', '2'),
    run(1, 'ZADD', 'z', '1', 'a', '2', 'b'),
    run(1, 'SWAPDB', '0', '2'),
    reply(0),
  ],
  'two waiters in the two swapped dbs': [
    block(0, 'BLPOP', 'l', '0'),
    run(1, 'SELECT', '1'),
    block(1, 'BLPOP', 'l', '0'),
    run(2, 'RPUSH', 'other', 'x'),
    run(2, 'SELECT', '1'),
    run(2, 'RPUSH', 'l', 'from-1'),
    reply(1),
    run(2, 'RPUSH', 'l', 'from-1-again'),
    run(2, 'SWAPDB', '0', '1'),
    reply(0),
  ],
  'xreadgroup told its stream left with the swap': [
    ...blockedGroupReader(1, 0),
    run(1, 'SWAPDB', '0', '1'),
    reply(0),
  ],
  'xreadgroup told its stream was swapped for a string': [
    ...blockedGroupReader(1, 0),
    run(1, 'SELECT', '1'),
    run(1, 'SET', 's', 'str'),
    run(1, 'SWAPDB', '1', '0'),
    reply(0),
  ],
  'xreadgroup served by the stream the swap brings': [
    ...blockedGroupReader(1, 0),
    run(1, 'SELECT', '1'),
    run(1, 'XADD', 's', '1-1', 'f', 'v'),
    run(1, 'XGROUP', 'CREATE', 's', 'g', '0'),
    run(1, 'XADD', 's', '2-1', 'f', 'new'),
    run(1, 'SWAPDB', '1', '0'),
    reply(0),
  ],
  'xreadgroup told the swapped-in stream lacks its group': [
    ...blockedGroupReader(1, 0),
    run(1, 'SELECT', '1'),
    run(1, 'XADD', 's', '5-1', 'f', 'v'),
    run(1, 'SWAPDB', '1', '0'),
    reply(0),
  ],
  'xreadgroup told by flushall': [...blockedGroupReader(1, 0), run(1, 'FLUSHALL'), reply(0)],
  'xreadgroup told by flushdb of its db': [
    ...blockedGroupReader(1, 0),
    run(1, 'FLUSHDB', 'ASYNC'),
    reply(0),
    run(1, 'EXISTS', 's'),
  ],
  'xreadgroup not told by flushdb of another db': [
    ...blockedGroupReader(1, 0),
    run(1, 'SELECT', '1'),
    run(1, 'FLUSHDB'),
    run(1, 'SELECT', '0'),
    run(1, 'XADD', 's', '2-1', 'f', 'after'),
    reply(0),
  ],
  'xreadgroup told by flushall inside multi': [
    ...blockedGroupReader(1, 0),
    run(1, 'MULTI'),
    run(1, 'FLUSHALL'),
    run(1, 'XADD', 's', '9-1', 'f', 'v'),
    run(1, 'EXEC'),
    reply(0),
  ],
  'xread stays blocked through flushall': [
    run(1, 'XADD', 's', '1-1', 'f', 'v'),
    block(0, 'XREAD', 'BLOCK', '0', 'STREAMS', 's', '$'),
    run(1, 'FLUSHALL'),
    run(1, 'XADD', 's', '2-1', 'f', 'after'),
    reply(0),
  ],
  'blpop stays blocked through flushall': [
    block(0, 'BLPOP', 'l', '0'),
    run(1, 'FLUSHALL'),
    run(1, 'RPUSH', 'l', 'after'),
    reply(0),
  ],
};

describeScenarios(
  'swapdb.differential.spec',
  'SWAPDB and flushes with other clients: Drake vs redis-server, byte for byte',
  SCENARIOS,
);
