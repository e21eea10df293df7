import { TcpProxy } from '@drake/replication-testing';
import { startDrake, startRedis, type ServerHandle } from './support/processes';
import {
  commonCommands,
  comparable,
  randomCall,
  resetDataset,
  seededRandom,
} from './support/random-commands';
import { GroupWriter } from './support/group-writer';
import { RawClient } from './support/raw-client';
import {
  call,
  datasetListing,
  digest,
  replicaState,
  statsCounter,
  waitApplied,
  waitConverged,
  AckedWriter,
  presentKeys,
  Writer,
} from './support/replication';

/**
 * Drake-to-Drake replication between real processes on loopback: full sync under write load on every type,
 * stable sync, links cut by a proxy at random phases (partial sync when the journal ring still covers the gap),
 * master restarts, switching masters, promotion, FLUSHALL during full sync, read-only replicas, expiry, and
 * whole datasets compared (DEBUG DIGEST and every key by SCAN) every time.
 */
jest.setTimeout(180_000);

const servers: ServerHandle[] = [];
const proxies: TcpProxy[] = [];

async function drake(...args: string[]): Promise<ServerHandle> {
  const s = await startDrake({
    args: ['--shard_count', '4', '--master_reconnect_timeout_ms', '200', ...args],
  });
  servers.push(s);
  return s;
}

async function proxyTo(port: number): Promise<TcpProxy> {
  const p = await TcpProxy.start('127.0.0.1', port);
  proxies.push(p);
  return p;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(async () => {
  await Promise.all(proxies.splice(0).map((p) => p.close()));
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function fill(port: number, keys: number): Promise<void> {
  const c = await RawClient.connect(port);
  for (let i = 0; i < keys; i += 100) {
    for (let j = i; j < Math.min(keys, i + 100); j++) {
      switch (j % 5) {
        case 0:
          c.send('SET', `str:${j}`, `value-${j}`.repeat(3));
          break;
        case 1:
          c.send('RPUSH', `list:${j % 50}`, String(j));
          break;
        case 2:
          c.send('HSET', `hash:${j % 50}`, `f${j}`, String(j));
          break;
        case 3:
          c.send('SADD', `set:${j % 50}`, String(j));
          break;
        default:
          c.send('ZADD', `zset:${j % 50}`, String(j / 3), `m${j}`);
      }
    }
    for (let j = i; j < Math.min(keys, i + 100); j++) await c.readReply();
  }
  await c.close();
}

async function expectSameData(masterPort: number, replicaPort: number): Promise<void> {
  await waitConverged(masterPort, replicaPort);
  expect(await datasetListing(replicaPort)).toEqual(await datasetListing(masterPort));
}

test('full sync of a multi-type dataset under write load on every type, then stable sync', async () => {
  const master = await drake();
  await fill(master.port, 20_000);
  const writers = await Promise.all([1, 2, 3].map((seed) => Writer.start(master.port, seed)));
  const replica = await drake('--replicaof', `127.0.0.1:${master.port}`);
  await sleep(1500);
  const acknowledged = (await Promise.all(writers.map((w) => w.stop()))).reduce((a, b) => a + b, 0);
  expect(acknowledged).toBeGreaterThan(0);
  await expectSameData(master.port, replica.port);
  expect(await statsCounter(master.port, 'sync_full')).toBe(1);
  // Stable sync keeps following.
  await call(master.port, 'SET', 'late', 'write');
  await expectSameData(master.port, replica.port);
});

/** Each stream's DUMP (groups, PELs with delivery times and counts, consumers' seen times) and XINFO STREAM FULL. */
async function streamStates(port: number): Promise<string[]> {
  const out: string[] = [];
  for (const key of GroupWriter.streamKeys) {
    out.push(await call(port, 'DUMP', key), await call(port, 'XINFO', 'STREAM', key, 'FULL'));
  }
  return out;
}

test('consumer groups reach the replica exactly, to the millisecond, through a full sync, a cut and stable sync', async () => {
  const master = await drake();
  const proxy = await proxyTo(master.port);
  const writer = await GroupWriter.start(master.port, 5);
  await sleep(500);
  const replica = await drake('--replicaof', `127.0.0.1:${proxy.port}`);
  await sleep(1000);
  proxy.cut();
  await sleep(500);
  expect(await writer.stop()).toBeGreaterThan(200);
  await waitConverged(master.port, replica.port);
  const [m, r] = await Promise.all([RawClient.connect(master.port), RawClient.connect(replica.port)]);
  try {
    await waitApplied(m, r);
  } finally {
    await Promise.all([m.close(), r.close()]);
  }
  const states = await streamStates(master.port);
  // The traffic did what it is for: consumers with pending entries, delivered more than once.
  expect(states.join('')).toMatch(
    /\$2\r\nc[0-3]\r\n\$9\r\nseen-time\r\n:\d{13}\r\n\$9\r\npel-count\r\n:[1-9]/,
  );
  expect(await streamStates(replica.port)).toEqual(states);
  expect(await statsCounter(master.port, 'sync_partial_ok')).toBeGreaterThanOrEqual(1);
});

test('a replica is read-only, answers reads while its link is down, and reports where it stands', async () => {
  const master = await drake();
  await call(master.port, 'SET', 'k', 'v');
  const replica = await drake('--replicaof', `127.0.0.1:${master.port}`);
  await waitConverged(master.port, replica.port);
  expect(await call(replica.port, 'SET', 'k', 'x')).toBe(
    "-READONLY You can't write against a read only replica.\r\n",
  );
  expect(await call(replica.port, 'GET', 'k')).toBe('$1\r\nv\r\n');
  const role = await call(replica.port, 'ROLE');
  expect(role).toMatch(
    new RegExp(
      `^\\*5\\r\\n\\$5\\r\\nslave\\r\\n\\$9\\r\\n127\\.0\\.0\\.1\\r\\n:${master.port}\\r\\n\\$9\\r\\nconnected\\r\\n:\\d+\\r\\n$`,
    ),
  );
  expect(await call(master.port, 'ROLE')).toContain(`$${String(replica.port).length}\r\n${replica.port}\r\n`);
  const info = await call(master.port, 'INFO', 'replication');
  expect(info).toContain('connected_slaves:1');
  expect(info).toMatch(
    new RegExp(`slave0:ip=127\\.0\\.0\\.1,port=${replica.port},state=online,offset=\\d+,lag=\\d+`),
  );
  await master.stop();
  await sleep(300);
  expect(await call(replica.port, 'GET', 'k')).toBe('$1\r\nv\r\n');
  const down = await call(replica.port, 'INFO', 'replication');
  expect(down).toContain('master_link_status:down');
  expect(down).toContain('slave_priority:100\r\nslave_read_only:1\r\nreplica_announced:1\r\n');
  // Sentinel reads these: priority 0 keeps it from promoting this replica.
  await call(replica.port, 'CONFIG', 'SET', 'replica-priority', '0');
  await call(replica.port, 'CONFIG', 'SET', 'replica-announced', 'no');
  expect(await call(replica.port, 'INFO', 'replication')).toContain(
    'slave_priority:0\r\nslave_read_only:1\r\nreplica_announced:0\r\n',
  );
  expect(down).toMatch(/master_link_down_since_seconds:\d+/);
  expect(await replicaState(replica.port)).not.toBe('connected');
});

test('replica-read-only no: a replica takes writes of its own and keeps them from its sub-replicas, as Redis 4+', async () => {
  const master = await drake();
  await call(master.port, 'SET', 'k', 'v');
  const replica = await drake('--replicaof', `127.0.0.1:${master.port}`);
  await waitConverged(master.port, replica.port);
  const sub = await drake('--replicaof', `127.0.0.1:${replica.port}`);
  await waitConverged(replica.port, sub.port);
  expect(await call(replica.port, 'CONFIG', 'SET', 'replica-read-only', 'no')).toBe('+OK\r\n');
  expect(await call(replica.port, 'INFO', 'replication')).toContain('slave_read_only:0\r\n');
  const offsets = await call(replica.port, 'DFLY', 'REPLICAOFFSET');
  expect(await call(replica.port, 'SET', 'local', 'x')).toBe('+OK\r\n');
  expect(await call(replica.port, 'GET', 'local')).toBe('$1\r\nx\r\n');
  // Not journalled: the sub-replica never sees it, and the master's stream still flows through.
  expect(await call(replica.port, 'DFLY', 'REPLICAOFFSET')).toBe(offsets);
  await call(master.port, 'SET', 'k', 'v2');
  const deadline = Date.now() + 10_000;
  while ((await call(sub.port, 'GET', 'k')) !== '$2\r\nv2\r\n' && Date.now() < deadline) await sleep(20);
  expect(await call(sub.port, 'GET', 'k')).toBe('$2\r\nv2\r\n');
  expect(await call(sub.port, 'EXISTS', 'local')).toBe(':0\r\n');
  expect(await call(replica.port, 'GET', 'local')).toBe('$1\r\nx\r\n');
  // A TTL its own client set is the replica's to expire (Redis's slaveKeysWithExpire): the key goes, unjournalled.
  const keysBefore = await call(replica.port, 'DBSIZE');
  const offsetsBefore = await call(replica.port, 'DFLY', 'REPLICAOFFSET');
  expect(await call(replica.port, 'SET', 'brief', 'x', 'PX', '50')).toBe('+OK\r\n');
  const expiredBy = Date.now() + 10_000;
  while ((await call(replica.port, 'DBSIZE')) !== keysBefore && Date.now() < expiredBy) await sleep(20);
  expect(await call(replica.port, 'DBSIZE')).toBe(keysBefore);
  expect(await statsCounter(replica.port, 'expired_keys')).toBe(1);
  expect(await call(replica.port, 'DFLY', 'REPLICAOFFSET')).toBe(offsetsBefore);
  // Back to read-only; the master's own writes were never gated.
  expect(await call(replica.port, 'CONFIG', 'SET', 'slave-read-only', 'yes')).toBe('+OK\r\n');
  expect(await call(replica.port, 'SET', 'local', 'y')).toBe(
    "-READONLY You can't write against a read only replica.\r\n",
  );
  expect(await call(replica.port, 'INFO', 'replication')).toContain('slave_read_only:1\r\n');
  expect(await call(master.port, 'SET', 'm', '1')).toBe('+OK\r\n');
  // Off before the first sync: writable at once; promotion keeps it writable.
  const writable = await drake('--replicaof', `127.0.0.1:${master.port}`);
  await call(writable.port, 'CONFIG', 'SET', 'replica-read-only', 'no');
  await waitConverged(master.port, writable.port);
  expect(await call(writable.port, 'SET', 'mine', '1')).toBe('+OK\r\n');
  expect(await call(writable.port, 'REPLICAOF', 'NO', 'ONE')).toBe('+OK\r\n');
  expect(await call(writable.port, 'SET', 'mine', '2')).toBe('+OK\r\n');
});

test('a replica publishes keyspace events for the stream it applies, none for the snapshot it loads (as Redis)', async () => {
  const master = await drake();
  await fill(master.port, 1_000);
  const replica = await drake();
  await call(replica.port, 'CONFIG', 'SET', 'notify-keyspace-events', 'KEA');
  const subscriber = await RawClient.connect(replica.port);
  await subscriber.call('PSUBSCRIBE', '__keyevent@*__:*');
  await call(replica.port, 'REPLICAOF', '127.0.0.1', String(master.port));
  await waitConverged(master.port, replica.port);
  await call(master.port, 'SET', 'after', '1');
  await call(master.port, 'DEL', 'after');
  // Both events, then the marker: nothing of the 1,000 snapshot keys came before them.
  const expected = ['set', 'del'].map(
    (event) =>
      `*4\r\n$8\r\npmessage\r\n$16\r\n__keyevent@*__:*\r\n$${15 + event.length}\r\n` +
      `__keyevent@0__:${event}\r\n$5\r\nafter\r\n`,
  );
  const seen: string[] = [];
  while (seen.length < 2) seen.push((await subscriber.readReply()).toString('latin1'));
  expect(seen).toEqual(expected);
  await subscriber.close();
});

test('twenty cuts at random phases: the replica converges every time, by partial sync while the ring covers the gap', async () => {
  const master = await drake('--shard_repl_backlog_max_bytes', String(64 * 1024 * 1024));
  await fill(master.port, 5_000);
  const proxy = await proxyTo(master.port);
  const replica = await drake('--replicaof', `127.0.0.1:${proxy.port}`);
  await waitConverged(master.port, replica.port);
  for (let cycle = 0; cycle < 20; cycle++) {
    const writer = await Writer.start(master.port, 100 + cycle);
    await sleep(Math.floor(Math.random() * 300));
    proxy.cut();
    await sleep(Math.floor(Math.random() * 200));
    await writer.stop();
    await expectSameData(master.port, replica.port);
  }
  // One full sync at the start; the ring covered every cut after it.
  expect(await statsCounter(master.port, 'sync_full')).toBe(1);
  expect(await statsCounter(master.port, 'sync_partial_ok')).toBeGreaterThanOrEqual(20);
});

/**
 * A master with 30,000 entries and a replica of it behind a proxy at 256 KB/s (~1.5 MB of snapshot), returned
 * while the replica's full sync is running.
 */
async function slowFullSync(...masterArgs: string[]): Promise<{
  master: ServerHandle;
  proxy: TcpProxy;
  replica: ServerHandle;
}> {
  const master = await drake(...masterArgs);
  await fill(master.port, 30_000);
  const proxy = await proxyTo(master.port);
  proxy.setRateLimit(256 * 1024);
  const replica = await drake('--replicaof', `127.0.0.1:${proxy.port}`);
  for (let i = 0; i < 200 && (await replicaState(replica.port)) !== 'sync'; i++) await sleep(10);
  await sleep(300);
  expect(await replicaState(replica.port)).toBe('sync');
  return { master, proxy, replica };
}

test('a cut during full sync and a ring too small for the gap both end in a full sync that converges', async () => {
  const { master, proxy, replica } = await slowFullSync('--shard_repl_backlog_max_bytes', '1024');
  proxy.cut();
  proxy.setRateLimit(0);
  await expectSameData(master.port, replica.port);
  const fullBefore = await statsCounter(master.port, 'sync_full');
  expect(fullBefore).toBeGreaterThanOrEqual(2);
  // Stable sync, then a gap larger than a 1 KB ring.
  proxy.pause();
  await fill(master.port, 2_000);
  proxy.cut();
  proxy.resume();
  await expectSameData(master.port, replica.port);
  expect(await statsCounter(master.port, 'sync_full')).toBeGreaterThan(fullBefore);
});

test('a replica whose own link full-syncs drops its sub-replicas (Drake and Redis), which resync to the new data', async () => {
  const master = await drake('--shard_repl_backlog_max_bytes', '1024');
  await fill(master.port, 5_000);
  const proxy = await proxyTo(master.port);
  const middle = await drake('--replicaof', `127.0.0.1:${proxy.port}`);
  await expectSameData(master.port, middle.port);
  const sub = await drake('--replicaof', `127.0.0.1:${middle.port}`);
  const redisSub = await startRedis({ args: ['--replicaof', '127.0.0.1', String(middle.port)] });
  servers.push(redisSub);
  await expectSameData(middle.port, sub.port);
  await expectSameData(middle.port, redisSub.port);
  // A gap larger than the master's 1 KB rings: the middle node's next sync is a full one, its dataset replaced.
  proxy.refuse(true);
  proxy.cut();
  await call(master.port, 'FLUSHALL');
  await fill(master.port, 2_000);
  proxy.refuse(false);
  await expectSameData(master.port, middle.port);
  await expectSameData(master.port, sub.port);
  await expectSameData(master.port, redisSub.port);
  // And they follow the stream from there.
  await call(master.port, 'SET', 'after', 'resync');
  await expectSameData(master.port, sub.port);
  await expectSameData(master.port, redisSub.port);
});

test('a replica in full sync answers -LOADING (INFO persistence loading:1) until the snapshot is whole', async () => {
  const { master, proxy, replica } = await slowFullSync();
  const loading = '-LOADING Redis is loading the dataset in memory\r\n';
  expect(await call(replica.port, 'GET', 'str:0')).toBe(loading);
  expect(await call(replica.port, 'DBSIZE')).toBe(loading);
  const persistence = await call(replica.port, 'INFO', 'persistence');
  expect(persistence).toContain('loading:1\r\n');
  expect(Number(/loading_loaded_bytes:(\d+)/.exec(persistence)?.[1])).toBeGreaterThan(0);
  expect(await call(replica.port, 'INFO', 'replication')).toContain('master_sync_in_progress:1');
  // A sync cut midway ends the load (as in Dragonfly): the replica answers while it cannot reach its master.
  proxy.refuse(true);
  proxy.cut();
  for (let i = 0; i < 100 && (await replicaState(replica.port)) === 'sync'; i++) await sleep(10);
  expect(await call(replica.port, 'INFO', 'persistence')).toContain('loading:0\r\n');
  expect(await call(replica.port, 'PING')).toBe('+PONG\r\n');
  proxy.refuse(false);
  proxy.setRateLimit(0);
  await expectSameData(master.port, replica.port);
  expect(await call(replica.port, 'GET', 'str:0')).toBe(await call(master.port, 'GET', 'str:0'));
  expect(await call(replica.port, 'INFO', 'persistence')).toContain('loading:0\r\n');
});

test('REPLICAOF NO ONE during a full sync ends the load and keeps what arrived', async () => {
  const { master, replica } = await slowFullSync();
  expect(await call(replica.port, 'PING')).toBe('-LOADING Redis is loading the dataset in memory\r\n');
  expect(await call(replica.port, 'REPLICAOF', 'NO', 'ONE')).toBe('+OK\r\n');
  expect(await call(replica.port, 'PING')).toBe('+PONG\r\n');
  expect(await call(replica.port, 'INFO', 'persistence')).toContain('loading:0\r\n');
  const keys = Number(/^:(\d+)/.exec(await call(replica.port, 'DBSIZE'))?.[1]);
  expect(keys).toBeLessThan(Number(/^:(\d+)/.exec(await call(master.port, 'DBSIZE'))?.[1]));
  expect(await call(replica.port, 'SET', 'now', 'writable')).toBe('+OK\r\n');
});

test('master killed and restarted: the replica reconnects and converges to the new (empty) dataset', async () => {
  const master = await drake();
  await fill(master.port, 1_000);
  const replica = await drake('--replicaof', `127.0.0.1:${master.port}`);
  await waitConverged(master.port, replica.port);
  const port = master.port;
  await master.stop();
  servers.splice(servers.indexOf(master), 1);
  await sleep(500);
  const restarted = await startDrake({ port, args: ['--shard_count', '4'] });
  servers.push(restarted);
  await call(port, 'SET', 'after-restart', '1');
  await expectSameData(port, replica.port);
  expect(await call(replica.port, 'DBSIZE')).toBe(':1\r\n');
});

test('switching masters drops the old dataset; REPLICAOF NO ONE keeps the data and makes it writable', async () => {
  const a = await drake();
  const b = await drake();
  await call(a.port, 'SET', 'from-a', '1');
  await call(b.port, 'SET', 'from-b', '1');
  const replica = await drake('--replicaof', `127.0.0.1:${a.port}`);
  await expectSameData(a.port, replica.port);
  expect(await call(replica.port, 'REPLICAOF', '127.0.0.1', String(a.port))).toBe(
    '+OK Already connected to specified master\r\n',
  );
  expect(await call(replica.port, 'SLAVEOF', '127.0.0.1', String(b.port))).toBe('+OK\r\n');
  await expectSameData(b.port, replica.port);
  expect(await call(replica.port, 'EXISTS', 'from-a')).toBe(':0\r\n');
  expect(await call(replica.port, 'REPLICAOF', 'NO', 'ONE')).toBe('+OK\r\n');
  expect(await call(replica.port, 'SET', 'mine', '1')).toBe('+OK\r\n');
  expect(await call(replica.port, 'GET', 'from-b')).toBe('$1\r\n1\r\n');
  expect(await call(replica.port, 'ROLE')).toMatch(/^\*3\r\n\$6\r\nmaster\r\n/);
});

test('FLUSHALL during a full sync, MULTI/EXEC across shards, and expiry reach the replica exactly', async () => {
  const master = await drake();
  await fill(master.port, 20_000);
  const replica = await drake('--replicaof', `127.0.0.1:${master.port}`);
  await call(master.port, 'FLUSHALL');
  const c = await RawClient.connect(master.port);
  await c.callText('MULTI');
  for (let i = 0; i < 50; i++) await c.callText('SET', `tx:${i}`, String(i));
  await c.callText('RPUSH', 'txlist', 'a', 'b');
  expect(await c.callText('EXEC')).toMatch(/^\*51\r\n/);
  // Long enough that the comparison below never races the expiry (a 200 ms TTL made it flaky on a busy machine).
  await c.callText('SET', 'short', 'lived', 'PX', '3000');
  await c.close();
  await expectSameData(master.port, replica.port);
  expect(await call(replica.port, 'GET', 'short')).toBe('$5\r\nlived\r\n');
  await sleep(3200);
  // The replica hides the expired key at once; the master's expiry reaches it as a DEL.
  expect(await call(replica.port, 'GET', 'short')).toBe('$-1\r\n');
  await call(master.port, 'GET', 'short');
  await expectSameData(master.port, replica.port);
});

test('SWAPDB while the snapshot streams and in stable sync reaches the replica exactly', async () => {
  const { master, proxy, replica } = await slowFullSync();
  const c = await RawClient.connect(master.port);
  await c.callText('SELECT', '1');
  for (let i = 0; i < 200; i++) await c.callText('SET', `db1:${i}`, String(i), 'PX', '600000');
  expect(await c.callText('SWAPDB', '0', '1')).toBe('+OK\r\n');
  // The swap lands in the middle of the full sync: both databases go out as they were before it, then the swap.
  expect(await replicaState(replica.port)).toBe('sync');
  proxy.setRateLimit(0);
  await expectSameData(master.port, replica.port);
  expect(await call(replica.port, 'GET', 'db1:7')).toBe('$1\r\n7\r\n');
  expect(await statsCounter(master.port, 'sync_full')).toBe(1);
  expect(await c.callText('SWAPDB', '1', '0')).toBe('+OK\r\n');
  await c.callText('SET', 'after', 'swap');
  await c.close();
  await expectSameData(master.port, replica.port);
  expect(await call(replica.port, 'EXISTS', 'db1:7')).toBe(':0\r\n');
});

test('min-replicas-to-write: writes need enough replicas that ACKed within min-replicas-max-lag (NOREPLICAS)', async () => {
  const master = await drake();
  const noReplicas = '-NOREPLICAS Not enough good replicas to write.\r\n';
  expect(await call(master.port, 'CONFIG', 'SET', 'min-replicas-to-write', '1')).toBe('+OK\r\n');
  expect(await call(master.port, 'CONFIG', 'SET', 'min-replicas-max-lag', '1')).toBe('+OK\r\n');
  expect(await call(master.port, 'SET', 'k', 'v')).toBe(noReplicas);
  expect(await call(master.port, 'INFO', 'replication')).toContain(
    'connected_slaves:0\r\nmin_slaves_good_slaves:0\r\n',
  );
  const proxy = await proxyTo(master.port);
  const replica = await drake('--replicaof', `127.0.0.1:${proxy.port}`, '--replication_acks_interval', '100');
  await waitConverged(master.port, replica.port);
  expect(await call(master.port, 'SET', 'k', 'v')).toBe('+OK\r\n');
  expect(await call(master.port, 'INFO', 'replication')).toContain('min_slaves_good_slaves:1\r\n');
  // ACKs stop while the link holds: after the allowed lag (and the once-a-second refresh) writes are refused.
  proxy.pause();
  let reply = '';
  for (let i = 0; i < 60 && reply !== noReplicas; i++) {
    await sleep(100);
    reply = await call(master.port, 'SET', 'k', 'paused');
  }
  expect(reply).toBe(noReplicas);
  proxy.resume();
  for (let i = 0; i < 60 && reply !== '+OK\r\n'; i++) {
    await sleep(100);
    reply = await call(master.port, 'SET', 'k', 'resumed');
  }
  expect(reply).toBe('+OK\r\n');
  // A replica that goes away stops counting at once; turning the option off lets writes through.
  await replica.stop();
  for (let i = 0; i < 50 && reply !== noReplicas; i++) {
    await sleep(20);
    reply = await call(master.port, 'SET', 'k', 'w');
  }
  expect(reply).toBe(noReplicas);
  expect(await call(master.port, 'CONFIG', 'SET', 'min-replicas-to-write', '0')).toBe('+OK\r\n');
  expect(await call(master.port, 'SET', 'k', 'w')).toBe('+OK\r\n');
  expect(await call(master.port, 'INFO', 'replication')).not.toContain('min_slaves_good_slaves');
});

test('replica-serve-stale-data no: a replica whose link is down answers MASTERDOWN until it is back', async () => {
  const master = await drake();
  await call(master.port, 'SET', 'k', 'v');
  const proxy = await proxyTo(master.port);
  const replica = await drake('--replicaof', `127.0.0.1:${proxy.port}`);
  await waitConverged(master.port, replica.port);
  expect(await call(replica.port, 'CONFIG', 'SET', 'replica-serve-stale-data', 'no')).toBe('+OK\r\n');
  expect(await call(replica.port, 'GET', 'k')).toBe('$1\r\nv\r\n');
  proxy.refuse(true);
  proxy.cut();
  for (let i = 0; i < 100 && (await replicaState(replica.port)) === 'connected'; i++) await sleep(10);
  const masterDown = "-MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.\r\n";
  expect(await call(replica.port, 'GET', 'k')).toBe(masterDown);
  expect(await call(replica.port, 'INFO', 'replication')).toContain('master_link_status:down');
  expect(await call(replica.port, 'CONFIG', 'SET', 'replica-serve-stale-data', 'yes')).toBe('+OK\r\n');
  expect(await call(replica.port, 'GET', 'k')).toBe('$1\r\nv\r\n');
  expect(await call(replica.port, 'CONFIG', 'SET', 'replica-serve-stale-data', 'no')).toBe('+OK\r\n');
  expect(await call(replica.port, 'GET', 'k')).toBe(masterDown);
  proxy.refuse(false);
  await waitConverged(master.port, replica.port);
  expect(await call(replica.port, 'GET', 'k')).toBe('$1\r\nv\r\n');
});

test('SHUTDOWN and SIGTERM wait for a lagging replica, holding writes meanwhile; SHUTDOWN ABORT lets them run', async () => {
  const master = await drake();
  const proxy = await proxyTo(master.port);
  const replica = await drake('--replicaof', `127.0.0.1:${proxy.port}`);
  await waitConverged(master.port, replica.port);
  proxy.pause();
  expect(await call(master.port, 'SET', 'k', 'v1')).toBe('+OK\r\n');
  const caller = await RawClient.connect(master.port);
  caller.send('SHUTDOWN');
  await sleep(100);
  // As Redis 7.0 pauses writes during that wait: a write waits (CLIENT UNPAUSE does not end that pause), reads go on.
  const writer = await RawClient.connect(master.port);
  writer.send('SET', 'k', 'v2');
  expect(await call(master.port, 'CLIENT', 'UNPAUSE')).toBe('+OK\r\n');
  await sleep(100);
  expect(writer.pending().length).toBe(0);
  expect(await call(master.port, 'GET', 'k')).toBe('$2\r\nv1\r\n');
  expect(await call(master.port, 'SHUTDOWN', 'ABORT')).toBe('+OK\r\n');
  expect((await caller.readReply()).toString('latin1')).toBe(
    '-ERR Errors trying to SHUTDOWN. Check logs.\r\n',
  );
  expect((await writer.readReply()).toString('latin1')).toBe('+OK\r\n');
  await Promise.all([caller.close(), writer.close()]);
  expect(await call(master.port, 'GET', 'k')).toBe('$2\r\nv2\r\n');
  // SIGTERM: the master stays up while its replica cannot ACK, and exits once the replica has every write.
  master.process.kill('SIGTERM');
  await sleep(300);
  expect(await call(master.port, 'GET', 'k')).toBe('$2\r\nv2\r\n');
  proxy.resume();
  expect((await master.exited).code).toBe(0);
  expect(await call(replica.port, 'GET', 'k')).toBe('$2\r\nv2\r\n');
});

test('the wait for replicas ends at shutdown-timeout; SHUTDOWN NOW does not wait', async () => {
  const stopsWithin = async (server: ServerHandle, ms: number): Promise<boolean> =>
    Promise.race([server.exited.then(() => true), sleep(ms).then(() => false)]);
  for (const how of ['timeout', 'now'] as const) {
    const master = await drake();
    const proxy = await proxyTo(master.port);
    const replica = await drake('--replicaof', `127.0.0.1:${proxy.port}`);
    await waitConverged(master.port, replica.port);
    proxy.pause();
    await call(master.port, 'SET', 'lost', 'never-acked');
    if (how === 'timeout') {
      await call(master.port, 'CONFIG', 'SET', 'shutdown-timeout', '1');
      master.process.kill('SIGTERM');
      expect(await stopsWithin(master, 500)).toBe(false);
    } else {
      const caller = await RawClient.connect(master.port);
      caller.send('SHUTDOWN', 'NOW');
    }
    // Well under the default 10 s: the link stays paused, so only the timeout or NOW can end the wait.
    expect(await stopsWithin(master, 5_000)).toBe(true);
    expect(await call(replica.port, 'GET', 'lost')).toBe('$-1\r\n');
  }
});

test('a shutdown waits for a replica in full sync to finish it and acknowledge, as Redis waits for every replica', async () => {
  const { master, proxy, replica } = await slowFullSync();
  proxy.setRateLimit(32 * 1024);
  const [digest, size] = [await call(master.port, 'DEBUG', 'DIGEST'), await call(master.port, 'DBSIZE')];
  master.process.kill('SIGTERM');
  await sleep(300);
  // Still up: the replica's snapshot is crawling through the rate-limited link.
  expect(await replicaState(replica.port)).toBe('sync');
  expect(await call(master.port, 'PING')).toBe('+PONG\r\n');
  proxy.setRateLimit(0);
  expect((await master.exited).code).toBe(0);
  expect(await call(replica.port, 'DEBUG', 'DIGEST')).toBe(digest);
  expect(await call(replica.port, 'DBSIZE')).toBe(size);
});

/** A master with `keys` keys and a replica in stable sync holding them. */
async function syncedPair(keys: number): Promise<{ master: ServerHandle; replica: ServerHandle }> {
  const master = await drake();
  const replica = await drake('--replicaof', `127.0.0.1:${master.port}`);
  await fill(master.port, keys);
  await waitConverged(master.port, replica.port);
  return { master, replica };
}

/** After a broken link: more writes reach the replica, which resumed by one partial sync. */
async function expectResumedOnce(master: ServerHandle, replica: ServerHandle): Promise<void> {
  await fill(master.port, 500);
  await expectSameData(master.port, replica.port);
  expect(await statsCounter(master.port, 'sync_partial_ok')).toBe(1);
}

test("CLIENT LIST shows a replica's connections as S; CLIENT KILL TYPE replica drops them and it resumes", async () => {
  const { master, replica } = await syncedPair(500);
  // One control connection and one flow per shard (4).
  const links = (await call(master.port, 'CLIENT', 'LIST', 'TYPE', 'replica')).match(/ flags=S /g) ?? [];
  expect(links).toHaveLength(5);
  // As in Redis, they are not counted as clients: only the INFO caller is.
  expect(await call(master.port, 'INFO', 'clients')).toContain('connected_clients:1\r\n');
  // Sentinel's CLIENT KILL TYPE normal must leave replication alone.
  expect(await call(master.port, 'CLIENT', 'KILL', 'TYPE', 'normal')).toBe(':0\r\n');
  expect(await call(master.port, 'CLIENT', 'KILL', 'TYPE', 'replica')).toBe(':5\r\n');
  await expectResumedOnce(master, replica);
});

test('a replica lists its master link as M (user (superuser)); CLIENT KILL TYPE master makes it resume by partial sync', async () => {
  const { master, replica } = await syncedPair(500);
  const line = await call(replica.port, 'CLIENT', 'LIST', 'TYPE', 'master');
  expect(line).toMatch(
    new RegExp(
      `^\\$\\d+\\r\\nid=(\\d+) addr=127\\.0\\.0\\.1:${master.port} laddr=127\\.0\\.0\\.1:\\d+ .* flags=M .*user=\\(superuser\\) `,
    ),
  );
  const id = /id=(\d+)/.exec(line)?.[1];
  expect((await call(replica.port, 'CLIENT', 'LIST')).match(/ flags=M /g)).toHaveLength(1);
  // Counted as a client, as Redis counts its master client: the link plus the INFO caller.
  expect(await call(replica.port, 'INFO', 'clients')).toContain('connected_clients:2\r\n');
  expect(await call(replica.port, 'CLIENT', 'KILL', 'TYPE', 'master')).toBe(':1\r\n');
  expect(await call(replica.port, 'CLIENT', 'LIST', 'TYPE', 'master')).toBe('$0\r\n\r\n');
  await expectResumedOnce(master, replica);
  // Back under the same id, as Redis's cached master client.
  expect(await call(replica.port, 'CLIENT', 'LIST', 'TYPE', 'master')).toContain(`id=${id} `);
  // Killed again and again under write load: it resumes each time and ends an exact copy.
  const writer = await Writer.start(master.port, 7);
  for (let kill = 0; kill < 5; kill++) {
    await sleep(100);
    while ((await replicaState(replica.port)) !== 'connected') await sleep(10);
    expect(await call(replica.port, 'CLIENT', 'KILL', 'ID', id ?? '')).toBe(':1\r\n');
  }
  await writer.stop();
  await expectSameData(master.port, replica.port);
  expect(await statsCounter(master.port, 'sync_full')).toBe(1);
  expect(await statsCounter(master.port, 'sync_partial_ok')).toBe(6);
  // A master has no master link; after promotion the replica has none either.
  expect(await call(master.port, 'CLIENT', 'LIST', 'TYPE', 'master')).toBe('$0\r\n\r\n');
  await call(replica.port, 'REPLICAOF', 'NO', 'ONE');
  expect(await call(replica.port, 'CLIENT', 'LIST', 'TYPE', 'master')).toBe('$0\r\n\r\n');
});

test('replicating itself is refused', async () => {
  const node = await drake();
  expect(await call(node.port, 'REPLICAOF', '127.0.0.1', String(node.port))).toBe(
    "-ERR can't replicate to myself\r\n",
  );
  expect(await call(node.port, 'REPLICAOF', 'localhost', String(node.port))).toBe(
    "-ERR can't replicate to myself\r\n",
  );
  expect(await call(node.port, 'REPLICAOF', 'localhost', 'x')).toBe('-ERR Invalid master port\r\n');
  expect(await call(node.port, 'ROLE')).toMatch(/^\*3\r\n\$6\r\nmaster\r\n/);
});

test('a master with more databases than its replica: the shared ones replicate, the others are skipped, the link stays up', async () => {
  const master = await drake('--dbnum', '16');
  const m = await RawClient.connect(master.port);
  const writeIn = async (db: string, key: string): Promise<void> => {
    expect(await m.callText('SELECT', db)).toBe('+OK\r\n');
    expect(await m.callText('SET', key, `v-${key}`)).toBe('+OK\r\n');
  };
  await writeIn('0', 'snap0');
  await writeIn('9', 'snap9');
  await writeIn('1', 'snap1');
  const replica = await drake('--dbnum', '2', '--replicaof', `127.0.0.1:${master.port}`);
  for (let i = 0; i < 200 && (await replicaState(replica.port)) !== 'connected'; i++) await sleep(25);
  expect(await replicaState(replica.port)).toBe('connected');
  // Stable sync: a record for database 9 between two that the replica can apply.
  await writeIn('0', 'live0');
  await writeIn('9', 'live9');
  await writeIn('1', 'live1');
  await m.close();
  const r = await RawClient.connect(replica.port);
  for (let i = 0; i < 200 && (await r.callText('EXISTS', 'live1')) !== ':1\r\n'; i++) {
    await r.callText('SELECT', '1');
    await sleep(25);
  }
  await r.callText('SELECT', '0');
  expect(await r.callText('MGET', 'snap0', 'live0')).toBe('*2\r\n$7\r\nv-snap0\r\n$7\r\nv-live0\r\n');
  await r.callText('SELECT', '1');
  expect(await r.callText('MGET', 'snap1', 'live1')).toBe('*2\r\n$7\r\nv-snap1\r\n$7\r\nv-live1\r\n');
  await r.close();
  expect(await replicaState(replica.port)).toBe('connected');
  // One full sync: the records for database 9 did not break the link into a resync loop.
  expect(await statsCounter(master.port, 'sync_full')).toBe(1);
});

test('WAIT counts replicas that acknowledged the writes', async () => {
  const master = await drake('--replication_acks_interval', '50');
  const replica = await drake('--replicaof', `127.0.0.1:${master.port}`, '--replication_acks_interval', '50');
  await waitConverged(master.port, replica.port);
  const c = await RawClient.connect(master.port);
  await c.callText('SET', 'w', '1');
  expect(await c.callText('WAIT', '1', '5000')).toBe(':1\r\n');
  expect(await c.callText('WAIT', '2', '100')).toBe(':1\r\n');
  await c.close();
  expect(await call(replica.port, 'WAIT', '1', '0')).toMatch(
    /^-ERR WAIT cannot be used with replica instances/,
  );
});

test('WAIT asks the replicas to ACK at once (as Redis sends REPLCONF GETACK)', async () => {
  // The replica's own ACKs are a minute apart: only the master's request can answer these WAITs in time.
  const master = await drake();
  const replica = await drake(
    '--replicaof',
    `127.0.0.1:${master.port}`,
    '--replication_acks_interval',
    '60000',
  );
  await waitConverged(master.port, replica.port);
  const c = await RawClient.connect(master.port);
  for (let i = 0; i < 20; i++) {
    await c.callText('INCR', 'acked');
    expect(await c.callText('WAIT', '1', '10000')).toBe(':1\r\n');
  }
  // Writes after the ACK are not covered by it: a WAIT for two replicas still times out with one.
  await c.callText('INCR', 'acked');
  expect(await c.callText('WAIT', '2', '200')).toBe(':1\r\n');
  await c.close();
  expect(await call(replica.port, 'GET', 'acked')).toBe('$2\r\n21\r\n');
});

test('a WAIT sent during a full sync answers once the replica is online (its first ACK covers the sync)', async () => {
  const master = await drake();
  await fill(master.port, 20_000);
  const proxy = await proxyTo(master.port);
  proxy.setRateLimit(256 * 1024); // ~1 MB of snapshot: seconds of full sync
  const replica = await drake(
    '--replicaof',
    `127.0.0.1:${proxy.port}`,
    '--replication_acks_interval',
    '60000',
  );
  for (let i = 0; i < 200 && (await replicaState(replica.port)) !== 'sync'; i++) await sleep(10);
  proxy.pause(); // the snapshot is held mid-way: the write and the WAIT happen during the full sync
  proxy.setRateLimit(0);
  expect(await replicaState(replica.port)).toBe('sync');
  const c = await RawClient.connect(master.port);
  await c.callText('SET', 'during-sync', '1');
  const answer = c.callText('WAIT', '1', '20000');
  await sleep(200);
  proxy.resume();
  expect(await answer).toBe(':1\r\n');
  await c.close();
  expect(await call(replica.port, 'GET', 'during-sync')).toBe('$1\r\n1\r\n');
});

test('digests agree after all of the above on a fresh pair (sanity of the comparison itself)', async () => {
  const master = await drake();
  const other = await drake();
  await call(master.port, 'SET', 'x', '1');
  expect(await digest(master.port)).not.toBe(await digest(other.port));
});

test('REPLTAKEOVER under write load: no acknowledged write lost, old master and sibling resume by partial sync', async () => {
  const master = await drake();
  await fill(master.port, 5_000);
  const replica = await drake('--replicaof', `127.0.0.1:${master.port}`);
  const sibling = await drake('--replicaof', `127.0.0.1:${master.port}`);
  await waitConverged(master.port, replica.port);
  await waitConverged(master.port, sibling.port);
  const writer = new AckedWriter(await RawClient.connect(master.port));
  await sleep(300);
  expect(await call(replica.port, 'REPLTAKEOVER', '10')).toBe('+OK\r\n');
  const acknowledged = await writer.stop();
  expect(acknowledged.length).toBeGreaterThan(0);
  expect(await call(sibling.port, 'REPLICAOF', '127.0.0.1', String(replica.port))).toBe('+OK\r\n');
  // Every write the old master acknowledged is on the new master.
  expect(await presentKeys(replica.port, acknowledged)).toBe(acknowledged.length);
  expect(await call(replica.port, 'ROLE')).toMatch(/^\*3\r\n\$6\r\nmaster\r\n/);
  expect(await call(replica.port, 'SET', 'after-takeover', '1')).toBe('+OK\r\n');
  await expectSameData(replica.port, master.port);
  await expectSameData(replica.port, sibling.port);
  expect(await call(master.port, 'SET', 'x', '1')).toBe(
    "-READONLY You can't write against a read only replica.\r\n",
  );
  // Both followers continued their history: partial syncs, no new full sync on the new master.
  expect(await statsCounter(replica.port, 'sync_partial_ok')).toBe(2);
  expect(await statsCounter(replica.port, 'sync_full')).toBe(0);
});

test('a chain of promotions: each time the remaining replicas resume from the new master by partial sync', async () => {
  const nodes = [await drake(), await drake(), await drake()];
  await fill(nodes[0].port, 2_000);
  for (const n of nodes.slice(1)) await call(n.port, 'REPLICAOF', '127.0.0.1', String(nodes[0].port));
  for (const n of nodes.slice(1)) await waitConverged(nodes[0].port, n.port);
  let master = nodes[0];
  for (const next of [nodes[1], nodes[2], nodes[0]]) {
    if (next === master) continue;
    await call(master.port, 'SET', `written-on:${master.port}`, '1');
    await waitConverged(master.port, next.port);
    const others = nodes.filter((n) => n !== next);
    // The master takes no more writes, the chosen replica is promoted, the others (old master too) follow it.
    const fullBefore = await statsCounter(next.port, 'sync_full');
    const partialBefore = await statsCounter(next.port, 'sync_partial_ok');
    await call(next.port, 'REPLICAOF', 'NO', 'ONE');
    for (const o of others) await call(o.port, 'REPLICAOF', '127.0.0.1', String(next.port));
    for (const o of others) await expectSameData(next.port, o.port);
    // INFO counters are cumulative over the node's life: only their change counts here.
    expect(await statsCounter(next.port, 'sync_full')).toBe(fullBefore);
    expect(await statsCounter(next.port, 'sync_partial_ok')).toBe(partialBefore + 2);
    master = next;
  }
});

test('a replica that stops reading is dropped before the master buffers more than its output limit, then resyncs', async () => {
  const master = await drake();
  await call(master.port, 'CONFIG', 'SET', 'client-output-buffer-limit', 'slave 2mb 0 0');
  const proxy = await proxyTo(master.port);
  const replica = await drake('--replicaof', `127.0.0.1:${proxy.port}`);
  await waitConverged(master.port, replica.port);
  const rssBefore = master.rss();
  proxy.pause();
  // 150 MB of journal (1 KB values over 100 keys: the dataset itself stays small) while the link is stalled.
  const big = 'x'.repeat(1000);
  const c = await RawClient.connect(master.port);
  for (let i = 0; i < 150_000; i += 1000) {
    for (let j = i; j < i + 1000; j++) c.send('SET', `big:${j % 100}`, big);
    for (let j = i; j < i + 1000; j++) await c.readReply();
  }
  await c.close();
  // Kept for the replica, 150 MB would show; dropped at the 2 MB limit, the master stays small.
  expect(master.rss() - rssBefore).toBeLessThan(80 * 1024 * 1024);
  proxy.resume();
  await expectSameData(master.port, replica.port);
  // It was dropped and came back with a full sync (the 4 MB ring could not cover ~25 MB).
  expect(await statsCounter(master.port, 'sync_full')).toBeGreaterThanOrEqual(2);
});

test('DFLY REPLICAOFFSET on the master equals DEBUG REPLICA OFFSET on a caught-up replica', async () => {
  const master = await drake();
  const replica = await drake('--replicaof', `127.0.0.1:${master.port}`);
  await waitConverged(master.port, replica.port);
  await fill(master.port, 1_000);
  await waitConverged(master.port, replica.port);
  const offsets = await call(master.port, 'DFLY', 'REPLICAOFFSET');
  expect(offsets).toMatch(/^\*4\r\n(:\d+\r\n){4}$/);
  expect(offsets).not.toBe('*4\r\n:0\r\n:0\r\n:0\r\n:0\r\n');
  for (let i = 0; i < 100 && (await call(replica.port, 'DEBUG', 'REPLICA', 'OFFSET')) !== offsets; i++)
    await sleep(20);
  expect(await call(replica.port, 'DEBUG', 'REPLICA', 'OFFSET')).toBe(offsets);
  expect(await call(master.port, 'DEBUG', 'REPLICA', 'OFFSET')).toBe('*0\r\n');
  // A replica's own clients are not journalled there (Sentinel PUBLISHes on replicas): its journal stays its master's.
  expect(await call(replica.port, 'PUBLISH', 'news', 'local')).toBe(':0\r\n');
  expect(await call(replica.port, 'DFLY', 'REPLICAOFFSET')).toBe(offsets);
});

/** The repl_backlog_* and offset fields of INFO replication, as numbers. */
async function backlogFields(port: number): Promise<Record<string, number>> {
  const info = await call(port, 'INFO', 'replication');
  const fields: Record<string, number> = {};
  for (const match of info.matchAll(/^(repl_backlog_\w+|master_repl_offset):(\d+)\r?$/gm)) {
    fields[match[1]] = Number(match[2]);
  }
  return fields;
}

test("INFO replication's repl_backlog_* lines follow the journal rings, on the master and on its replica", async () => {
  const master = await drake('--shard_repl_backlog_max_bytes', '1024');
  // No journal before the first replica: inactive, as Redis is before its first replica. Size: 4 shards × 1 KB.
  expect(await backlogFields(master.port)).toEqual({
    master_repl_offset: 0,
    repl_backlog_active: 0,
    repl_backlog_size: 4096,
    repl_backlog_first_byte_offset: 0,
    repl_backlog_histlen: 0,
  });
  const replica = await drake(
    '--shard_repl_backlog_max_bytes',
    '1024',
    '--replicaof',
    `127.0.0.1:${master.port}`,
  );
  await waitConverged(master.port, replica.port);
  for (let i = 0; i < 10; i++) await call(master.port, 'SET', `few:${i}`, 'v');
  await waitConverged(master.port, replica.port);
  const few = await backlogFields(master.port);
  expect(few.repl_backlog_active).toBe(1);
  expect(few.repl_backlog_histlen).toBeGreaterThanOrEqual(10);
  // Redis's identity: the history held ends at the offset.
  expect(few.repl_backlog_first_byte_offset).toBe(few.master_repl_offset - few.repl_backlog_histlen + 1);
  // 2,000 writes overflow 1 KB rings: the oldest records are gone, the history starts later.
  await fill(master.port, 2_000);
  await waitConverged(master.port, replica.port);
  for (const port of [master.port, replica.port]) {
    const many = await backlogFields(port);
    expect(many.master_repl_offset).toBeGreaterThanOrEqual(2_010);
    expect(many.repl_backlog_histlen).toBeGreaterThan(0);
    expect(many.repl_backlog_histlen).toBeLessThan(500);
    expect(many.repl_backlog_first_byte_offset).toBe(many.master_repl_offset - many.repl_backlog_histlen + 1);
  }
});

test('random calls of every command reach the replica exactly (DEBUG DIGEST after each)', async () => {
  const seed = Number(process.env.E2E_SEED ?? Date.now() % 2 ** 31);
  const calls = Number(process.env.E2E_REPLICATED_CALLS ?? 1000);
  // Redis describes the commands (Drake's COMMAND DOCS has no argument tree): their keywords feed the generator.
  const redis = await startRedis();
  servers.push(redis);
  const master = await drake();
  const replica = await drake('--replicaof', `127.0.0.1:${master.port}`);
  await waitConverged(master.port, replica.port);
  const [oracle, client, follower] = await Promise.all(
    [redis, master, replica].map((server) => RawClient.connect(server.port)),
  );
  const shapes = await commonCommands(oracle, client);
  const random = seededRandom(seed);
  const diverged: string[] = [];
  for (let i = 0; i < calls && diverged.length < 5; i++) {
    const argv = comparable(randomCall(shapes[Math.floor(random() * shapes.length)], random));
    await resetDataset(client);
    await client.call(...argv);
    await waitApplied(client, follower);
    const [m, r] = await Promise.all([client.call('DEBUG', 'DIGEST'), follower.call('DEBUG', 'DIGEST')]);
    if (!m.equals(r)) diverged.push(argv.map((arg) => JSON.stringify(arg)).join(' '));
  }
  await Promise.all([oracle, client, follower].map((c) => c.close()));
  expect({ seed, diverged }).toEqual({ seed, diverged: [] });
  await expectSameData(master.port, replica.port);
});
