import { allCommands, hasFlag } from '@drake/commands';
import { CLOCKED_COMMAND, Journal, type JournalRecord } from '@drake/journal';
import { TestServer, type TestClient } from '../../commands/src/testing/test-server';
import { FlowApplier } from './flow-applier';
import { ShardSnapshot } from './snapshot-streamer';
import { datasetOf } from './testing/dataset';
import { TestReplica } from './testing/test-replica';

/**
 * Every write command, run while a snapshot of every shard has started but not walked a single segment: only
 * the write hook can save the old values. So the snapshot records alone must rebuild the dataset as it was at
 * start (a command that changes a value in place without getForWrite() would leak its change into the
 * snapshot), and snapshot + journal through FlowApplier must rebuild the dataset after the command.
 * The journal is the master's real one (the effects of libs/commands' propagation), and the replica's clock runs
 * behind the master's: whatever a command took from the clock or from chance (XADD *, delivery times, SPOP,
 * INCRBYFLOAT, relative TTLs) must reach the replica as a value.
 */

const SHARDS = 8;
const NOW = 1_700_000_000_000;
/** The replica's clock, behind the master's. */
const REPLICA_NOW = NOW - 5000;

const SETUP: string[][] = [
  ['SET', 'str', 'hello'],
  ['SET', 'num', '10'],
  ['SET', 'flt', '1.5'],
  ['SET', 'ttl', 'v', 'PX', '100000'],
  ['RPUSH', 'la', 'a', 'b', 'c', 'd', 'a'],
  ['PEXPIRE', 'la', '100000'],
  ['RPUSH', 'lb', 'x', 'y'],
  ['SADD', 'sa', '1', '2', '3'],
  ['SADD', 'sb', '3', '4', 'x'],
  ['ZADD', 'za', '1', 'a', '2', 'b', '3', 'c'],
  ['ZADD', 'zb', '1', 'c', '5', 'd'],
  ['HSET', 'ha', 'f1', '1', 'f2', 'v'],
  ['PFADD', 'hll', 'a', 'b', 'c'],
  ['SET', 'bits', '\xff\x0f'],
  ['XADD', 'st', '1-1', 'f', 'v'],
  ['XADD', 'st', '2-1', 'f', 'w'],
  ['XADD', 'st', '3-1', 'g', 'x'],
  ['XGROUP', 'CREATE', 'st', 'grp', '0'],
  ['XREADGROUP', 'GROUP', 'grp', 'alice', 'COUNT', '2', 'STREAMS', 'st', '>'],
  ['SELECT', '1'],
  ['SET', 'str', 'db1'],
  ['RPUSH', 'la', 'one'],
  ['SELECT', '0'],
];

/** One or more write commands per command name (all of `write`-flagged commands must appear). */
const CASES: Record<string, string[][]> = {
  append: [['APPEND', 'str', 'x']],
  bitfield: [
    ['BITFIELD', 'str', 'SET', 'u8', '0', '255'],
    ['BITFIELD', 'bits', 'INCRBY', 'u4', '4', '3', 'GET', 'u8', '0'],
    ['BITFIELD', 'fresh', 'SET', 'i8', '#1', '-3'],
  ],
  bitop: [
    ['BITOP', 'AND', 'dest', 'str', 'num'],
    ['BITOP', 'XOR', 'bits', 'bits', 'str'],
    ['BITOP', 'NOT', 'str', 'bits'],
  ],
  blmove: [['BLMOVE', 'la', 'lb', 'LEFT', 'RIGHT', '0']],
  blmpop: [['BLMPOP', '0', '1', 'la', 'LEFT']],
  blpop: [['BLPOP', 'la', '0']],
  brpop: [['BRPOP', 'la', '0']],
  brpoplpush: [['BRPOPLPUSH', 'la', 'lb', '0']],
  bzmpop: [['BZMPOP', '0', '1', 'za', 'MIN']],
  bzpopmax: [['BZPOPMAX', 'za', '0']],
  bzpopmin: [['BZPOPMIN', 'za', '0']],
  copy: [
    ['COPY', 'la', 'lnew'],
    ['COPY', 'la', 'lb', 'REPLACE'],
    ['COPY', 'ha', 'ha', 'DB', '1'],
  ],
  decr: [['DECR', 'num']],
  decrby: [['DECRBY', 'num', '3']],
  del: [['DEL', 'la', 'ha', 'nothing']],
  expire: [
    ['EXPIRE', 'la', '50'],
    ['EXPIRE', 'str', '-1'],
  ],
  expireat: [['EXPIREAT', 'ha', String(NOW / 1000 + 99)]],
  flushall: [['FLUSHALL']],
  flushdb: [['FLUSHDB']],
  getdel: [['GETDEL', 'str']],
  getex: [
    ['GETEX', 'str', 'PX', '100'],
    ['GETEX', 'ttl', 'PERSIST'],
  ],
  getset: [['GETSET', 'str', 'z']],
  hdel: [['HDEL', 'ha', 'f1']],
  hincrby: [['HINCRBY', 'ha', 'f1', '2']],
  hincrbyfloat: [['HINCRBYFLOAT', 'ha', 'f1', '0.5']],
  hmset: [['HMSET', 'ha', 'f3', 'z']],
  hset: [['HSET', 'ha', 'f1', '9']],
  hsetnx: [['HSETNX', 'ha', 'f9', '1']],
  incr: [['INCR', 'num']],
  incrby: [['INCRBY', 'num', '5']],
  incrbyfloat: [['INCRBYFLOAT', 'flt', '2']],
  linsert: [['LINSERT', 'la', 'BEFORE', 'b', 'z']],
  lmove: [
    ['LMOVE', 'la', 'lb', 'RIGHT', 'LEFT'],
    ['LMOVE', 'la', 'la', 'LEFT', 'RIGHT'],
  ],
  lmpop: [['LMPOP', '1', 'la', 'RIGHT', 'COUNT', '2']],
  lpop: [['LPOP', 'la']],
  lpush: [['LPUSH', 'la', 'q']],
  lpushx: [['LPUSHX', 'la', 'q']],
  lrem: [['LREM', 'la', '0', 'a']],
  lset: [['LSET', 'la', '0', 'Z']],
  ltrim: [['LTRIM', 'la', '1', '2']],
  move: [['MOVE', 'ha', '1']],
  geoadd: [
    ['GEOADD', 'geo', '13.361389', '38.115556', 'Palermo', '15.087269', '37.502669', 'Catania'],
    ['GEOADD', 'za', 'XX', 'CH', '1', '1', 'a'],
  ],
  georadius: [['GEORADIUS', 'za', '0', '0', '20000', 'km', 'STORE', 'zb']],
  georadiusbymember: [['GEORADIUSBYMEMBER', 'za', 'a', '20000', 'km', 'STOREDIST', 'zb']],
  geosearchstore: [['GEOSEARCHSTORE', 'zb', 'za', 'FROMLONLAT', '0', '0', 'BYRADIUS', '20000', 'km']],
  swapdb: [
    ['SWAPDB', '0', '1'],
    ['SWAPDB', '1', '3'],
    ['SWAPDB', '2', '2'],
  ],
  mset: [['MSET', 'str', '1', 'la', '2']],
  msetnx: [['MSETNX', 'new1', '1', 'new2', '2']],
  persist: [['PERSIST', 'la']],
  pfadd: [
    ['PFADD', 'hll', 'x', 'y'],
    ['PFADD', 'hllnew', 'q'],
  ],
  pfcount: [['PFCOUNT', 'hll']],
  pfdebug: [['PFDEBUG', 'TODENSE', 'hll']],
  pfmerge: [
    ['PFMERGE', 'hll2', 'hll'],
    ['PFMERGE', 'hll', 'hll', 'hll2'],
  ],
  pexpire: [['PEXPIRE', 'str', '500']],
  pexpireat: [['PEXPIREAT', 'str', String(NOW + 5000)]],
  psetex: [['PSETEX', 'str', '100', 'v']],
  publish: [['PUBLISH', 'chan', 'msg']],
  rename: [['RENAME', 'la', 'lc']],
  renamenx: [['RENAMENX', 'la', 'lnew']],
  restore: [['RESTORE', 'lz', '0', '__DUMP_la__']],
  rpop: [['RPOP', 'la']],
  rpoplpush: [['RPOPLPUSH', 'la', 'lb']],
  rpush: [['RPUSH', 'la', 'z']],
  rpushx: [['RPUSHX', 'lb', 'z']],
  sadd: [['SADD', 'sa', '9']],
  sdiffstore: [['SDIFFSTORE', 'sa', 'sa', 'sb']],
  set: [
    ['SET', 'str', 'q'],
    ['SET', 'la', 'q', 'KEEPTTL'],
  ],
  setbit: [
    ['SETBIT', 'str', '3', '1'],
    ['SETBIT', 'bits', '100', '1'],
    ['SETBIT', 'nobits', '7', '1'],
  ],
  setex: [['SETEX', 'str', '10', 'q']],
  setnx: [['SETNX', 'new', '1']],
  setrange: [['SETRANGE', 'str', '2', 'XY']],
  sinterstore: [['SINTERSTORE', 'sb', 'sa', 'sb']],
  smove: [['SMOVE', 'sa', 'sb', '1']],
  sort: [
    ['SORT', 'sa', 'STORE', 'lb'],
    ['SORT', 'la', 'ALPHA', 'DESC', 'LIMIT', '1', '3', 'STORE', 'la'],
    ['SORT', 'sb', 'BY', 'nosort', 'ALPHA', 'STORE', 'snew'],
  ],
  spop: [
    ['SPOP', 'sa'],
    ['SPOP', 'sb', '2'],
  ],
  spublish: [['SPUBLISH', 'chan', 'msg']],
  srem: [['SREM', 'sa', '1']],
  sunionstore: [['SUNIONSTORE', 'sa', 'sa', 'sb']],
  unlink: [['UNLINK', 'la', 'ha']],
  zadd: [['ZADD', 'za', '7', 'a']],
  zdiffstore: [['ZDIFFSTORE', 'za', '2', 'za', 'zb']],
  zincrby: [['ZINCRBY', 'za', '2', 'a']],
  zinterstore: [['ZINTERSTORE', 'zb', '2', 'za', 'zb']],
  zmpop: [['ZMPOP', '1', 'za', 'MAX']],
  zpopmax: [['ZPOPMAX', 'za']],
  zpopmin: [['ZPOPMIN', 'za']],
  zrangestore: [['ZRANGESTORE', 'za', 'za', '0', '0']],
  zrem: [['ZREM', 'za', 'a']],
  zremrangebylex: [['ZREMRANGEBYLEX', 'za', '-', '[b']],
  zremrangebyrank: [['ZREMRANGEBYRANK', 'za', '0', '0']],
  zremrangebyscore: [['ZREMRANGEBYSCORE', 'za', '1', '2']],
  zunionstore: [['ZUNIONSTORE', 'za', '2', 'za', 'zb']],
  xack: [['XACK', 'st', 'grp', '1-1', '9-9']],
  xadd: [
    ['XADD', 'st', '*', 'f', 'n'],
    ['XADD', 'st', 'MAXLEN', '~', '1', '*', 'f', 'n'],
    ['XADD', 'st', 'MAXLEN', '2', '*', 'f', 'n'],
    ['XADD', 'st', '4-*', 'f', 'n'],
    ['XADD', 'snew', '*', 'a', 'b'],
    ['XADD', 'snone', 'NOMKSTREAM', '*', 'a', 'b'],
  ],
  xautoclaim: [['XAUTOCLAIM', 'st', 'grp', 'bob', '0', '0-0', 'COUNT', '1']],
  xclaim: [
    ['XCLAIM', 'st', 'grp', 'bob', '0', '1-1', '2-1'],
    ['XCLAIM', 'st', 'grp', 'bob', '0', '2-1', 'IDLE', '500', 'JUSTID'],
  ],
  xdel: [['XDEL', 'st', '2-1', '7-7']],
  'xgroup|create': [
    ['XGROUP', 'CREATE', 'st', 'g2', '$'],
    ['XGROUP', 'CREATE', 'snew', 'g', '0', 'MKSTREAM'],
  ],
  'xgroup|createconsumer': [['XGROUP', 'CREATECONSUMER', 'st', 'grp', 'carol']],
  'xgroup|delconsumer': [['XGROUP', 'DELCONSUMER', 'st', 'grp', 'alice']],
  'xgroup|destroy': [['XGROUP', 'DESTROY', 'st', 'grp']],
  'xgroup|setid': [['XGROUP', 'SETID', 'st', 'grp', '0', 'ENTRIESREAD', '0']],
  xreadgroup: [
    ['XREADGROUP', 'GROUP', 'grp', 'bob', 'STREAMS', 'st', '>'],
    ['XREADGROUP', 'GROUP', 'grp', 'alice', 'STREAMS', 'st', '0'],
    ['XREADGROUP', 'GROUP', 'grp', 'bob', 'NOACK', 'STREAMS', 'st', '>'],
  ],
  xsetid: [['XSETID', 'st', '9-9', 'ENTRIESADDED', '10', 'MAXDELETEDID', '2-0']],
  xtrim: [
    ['XTRIM', 'st', 'MAXLEN', '1'],
    ['XTRIM', 'st', 'MINID', '~', '3'],
  ],
};

/**
 * Commands that read a key they do not write, journalled as a barrier the replica re-runs: it needs the sources'
 * snapshot values before that barrier. Only writes trigger the segment hook, so these pass because the dispatcher
 * snapshots every key of a write command before running it while a snapshot runs (Database.snapshotBeforeRead).
 */
const READS_OTHER_KEYS = new Set([
  'COPY la lb REPLACE',
  'COPY ha ha DB 1',
  'SDIFFSTORE sa sa sb',
  'SINTERSTORE sb sa sb',
  'SUNIONSTORE sa sa sb',
  'SORT sa STORE lb',
  'ZDIFFSTORE za 2 za zb',
  'ZINTERSTORE zb 2 za zb',
  'ZUNIONSTORE za 2 za zb',
  'BITOP AND dest str num',
  'PFMERGE hll2 hll',
]);

/**
 * Commands whose outcome a replica cannot recompute (chance, the clock, blocking): they must never reach the
 * journal as themselves, only as their effect.
 */
const NEVER_JOURNALLED = new Set([
  'spop',
  'incrbyfloat',
  'hincrbyfloat',
  'blpop',
  'brpop',
  'blmove',
  'brpoplpush',
  'blmpop',
  'bzpopmin',
  'bzpopmax',
  'bzmpop',
  'xreadgroup',
  'xclaim',
  'xautoclaim',
  'setex',
  'psetex',
  'getex',
  'expire',
  'pexpire',
]);

/**
 * A journal record that would let the replica decide for itself what the master already decided. A clocked one
 * (DRAKE.CLOCKED ms …) runs at the master's time: what the clock decides is decided as on the master.
 */
function nondeterministic(argv: readonly string[]): boolean {
  if (argv[0] === CLOCKED_COMMAND) return false;
  const name = argv[0].toLowerCase();
  if (NEVER_JOURNALLED.has(name)) return true;
  if (name === 'xadd') return argv.some((a, i) => i > 1 && (a === '*' || a.endsWith('-*')));
  if (name === 'xgroup') return argv[1].toLowerCase() === 'createconsumer';
  if (name === 'set') return argv.some((a, i) => i >= 3 && /^(ex|px)$/i.test(a));
  return false;
}

/** Writes of a transaction: in place, then EXEC, journalled as one group closed by an EXEC barrier. */
const TRANSACTION = [
  ['MULTI'],
  ['RPUSH', 'la', 't'],
  ['SADD', 'sa', 't'],
  ['HSET', 'ha', 't', '1'],
  ['EXEC'],
];

function run(client: TestClient, argv: readonly string[]): string {
  const reply = client.run(...argv);
  if (reply.startsWith('-')) throw new Error(`${JSON.stringify(argv)} → ${reply}`);
  return reply;
}

function replay(streams: JournalRecord[][], filter: (r: JournalRecord) => boolean): TestServer {
  const replica = new TestReplica({ now: () => REPLICA_NOW, shardCount: 3, dbCount: 4 });
  const applier = new FlowApplier(SHARDS, replica.apply, { applySnapshot: replica.applySnapshot });
  // Flow by flow: the applier must still meet barriers and groups correctly.
  for (let s = SHARDS - 1; s >= 0; s--) for (const r of streams[s]) if (filter(r)) applier.push(s, r);
  return replica.server;
}

/**
 * `serializeFlushed`: with it the snapshot alone is point-in-time even across FLUSHDB/FLUSHALL, so both checks
 * hold; without it (the replication default) only snapshot + journal must hold.
 */
function underSnapshot(commands: string[][], serializeFlushed: boolean): void {
  const master = new TestServer(allCommands, undefined, { now: () => NOW, shardCount: SHARDS, dbCount: 4 });
  const client = master.connect();
  for (const argv of SETUP) run(client, argv);
  const dump = client.run('DUMP', 'la');
  const payload = dump.slice(dump.indexOf('\r\n') + 2, -2);
  const journal = new Journal({ shardCount: SHARDS, maxBytes: 1 << 30 });
  master.journal = journal;
  const streams: JournalRecord[][] = Array.from({ length: SHARDS }, () => []);
  const snapshots: ShardSnapshot[] = [];
  for (let s = 0; s < SHARDS; s++) {
    journal.shard(s).subscribe({ onRecord: (r) => streams[s].push(r) });
    const snapshot = new ShardSnapshot(
      master.keyspace,
      s,
      (dbIndex, argv) => streams[s].push({ kind: 'snapshot', lsn: 0, txid: 0, dbIndex, argv }),
      { serializeFlushed },
    );
    snapshots.push(snapshot);
    snapshot.start();
  }
  const atStart = datasetOf(master.keyspace);
  for (const argv of commands)
    run(
      client,
      argv.map((a) => (a === '__DUMP_la__' ? payload : a)),
    );
  for (const snapshot of snapshots) while (!snapshot.step(1));
  const afterwards = datasetOf(master.keyspace);
  const journalled = streams.flat().filter((r) => r.kind === 'command' || r.kind === 'barrier');
  expect(journalled.map((r) => r.argv).filter(nondeterministic)).toEqual([]);
  if (serializeFlushed) {
    expect(datasetOf(replay(streams, (r) => r.kind === 'snapshot').keyspace)).toEqual(atStart);
  }
  expect(datasetOf(replay(streams, () => true).keyspace)).toEqual(afterwards);
}

describe('write commands during a snapshot', () => {
  test('every command that may reach the journal has a case', () => {
    const specs = [...allCommands].flatMap((c) => [c, ...(c.subcommands ?? [])]);
    const journalled = specs.filter((c) => hasFlag(c, 'write') || hasFlag(c, 'may_replicate'));
    expect(journalled.map((c) => c.name).filter((name) => CASES[name] === undefined)).toEqual([]);
  });

  const cases = Object.entries(CASES).flatMap(([name, list]) => list.map((argv) => [name, argv] as const));
  for (const [name, argv] of cases) {
    const reads = READS_OTHER_KEYS.has(argv.join(' ')) ? ' (reads keys it does not write)' : '';
    test(`${name}: ${JSON.stringify(argv)}${reads}`, () => {
      underSnapshot([argv], true);
      underSnapshot([argv], false);
    });
  }

  test('a transaction', () => {
    underSnapshot(TRANSACTION, true);
    underSnapshot(TRANSACTION, false);
  });
});
