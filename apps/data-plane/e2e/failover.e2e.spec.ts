import { TcpProxy } from '@drake/replication-testing';
import { startDrake, startRedis, type ServerHandle } from './support/processes';
import { RawClient } from './support/raw-client';
import {
  AckedWriter,
  call,
  datasetListing,
  presentKeys,
  statsCounter,
  waitConverged,
} from './support/replication';

/**
 * FAILOVER (Redis 6.2+) on Drake masters with Drake replicas, between real processes on loopback: the handover under
 * write load with every acknowledged write kept, a target picked by the first to catch up, ABORT, TIMEOUT with and
 * without FORCE; and its errors compared with a Redis master and replica in the same positions.
 */
jest.setTimeout(120_000);

const servers: ServerHandle[] = [];
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function drake(...args: string[]): Promise<ServerHandle> {
  const s = await startDrake({
    args: ['--shard_count', '4', '--master_reconnect_timeout_ms', '200', ...args],
  });
  servers.push(s);
  return s;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function infoField(port: number, field: string): Promise<string> {
  const info = await call(port, 'INFO', 'replication');
  return new RegExp(`^${field}:(.*)\r$`, 'm').exec(info)?.[1] ?? '(missing)';
}

async function until(what: string, condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const isMaster = async (port: number): Promise<boolean> =>
  (await call(port, 'ROLE')).startsWith('*3\r\n$6\r\nmaster');
const follows = async (port: number, masterPort: number): Promise<boolean> =>
  (await infoField(port, 'master_port')) === String(masterPort) &&
  (await infoField(port, 'master_link_status')) === 'up';

/** How the master names the replica at `port` (INFO's slaveN ip=…,port=…). */
async function replicaAddress(masterPort: number, port: number): Promise<string> {
  const info = await call(masterPort, 'INFO', 'replication');
  const ip = new RegExp(`^slave\\d+:ip=([^,]+),port=${port},`, 'm').exec(info)?.[1];
  if (ip === undefined) throw new Error(`no replica on port ${port} in ${info}`);
  return ip;
}

/** A master, `count` replicas in stable sync holding its data. */
async function cluster(count: number): Promise<{ master: ServerHandle; replicas: ServerHandle[] }> {
  const master = await drake();
  for (let i = 0; i < 200; i++) await call(master.port, 'SET', `seed:${i}`, String(i));
  const replicas: ServerHandle[] = [];
  for (let i = 0; i < count; i++) replicas.push(await drake('--replicaof', `127.0.0.1:${master.port}`));
  for (const r of replicas) await waitConverged(master.port, r.port);
  return { master, replicas };
}

test('under write load: every acknowledged write is on the new master, the old one resumes from it by partial sync', async () => {
  const { master, replicas } = await cluster(2);
  const [target, sibling] = replicas;
  const writer = new AckedWriter(await RawClient.connect(master.port));
  await sleep(300);
  const ip = await replicaAddress(master.port, target.port);
  expect(await call(master.port, 'FAILOVER', 'TO', ip, String(target.port))).toBe('+OK\r\n');
  await until('the target to be master', () => isMaster(target.port));
  await until('the old master to follow it', () => follows(master.port, target.port));
  const acknowledged = await writer.stop();
  expect(acknowledged.length).toBeGreaterThan(0);
  expect(await presentKeys(target.port, acknowledged)).toBe(acknowledged.length);
  // Writes now meet a replica on the old master; the new master takes them.
  expect(await call(master.port, 'SET', 'x', '1')).toBe(
    "-READONLY You can't write against a read only replica.\r\n",
  );
  expect(await call(target.port, 'SET', 'after', '1')).toBe('+OK\r\n');
  await waitConverged(target.port, master.port);
  expect(await datasetListing(master.port)).toEqual(await datasetListing(target.port));
  expect(await statsCounter(target.port, 'sync_full')).toBe(0);
  expect(await statsCounter(target.port, 'sync_partial_ok')).toBe(1);
  expect(await infoField(master.port, 'master_failover_state')).toBe('no-failover');
  // The sibling follows the old master, now a replica of the new one (as with Redis's FAILOVER).
  await waitConverged(target.port, sibling.port);
});

test('without TO the first replica to catch up takes over', async () => {
  const { master, replicas } = await cluster(2);
  expect(await call(master.port, 'FAILOVER')).toBe('+OK\r\n');
  await until(
    'a replica to be master',
    async () => (await isMaster(replicas[0].port)) || isMaster(replicas[1].port),
  );
  const promoted = (await isMaster(replicas[0].port)) ? replicas[0] : replicas[1];
  await until('the old master to follow it', () => follows(master.port, promoted.port));
  await waitConverged(promoted.port, master.port);
});

test('while a replica lags: writes are held, REPLICAOF and a second FAILOVER refused, ABORT lets the writes run', async () => {
  const { master, replicas } = await cluster(1);
  const [target] = replicas;
  // A paused replica receives but does not apply: it cannot catch up until it is unpaused.
  expect(await call(target.port, 'CLIENT', 'PAUSE', '100000', 'WRITE')).toBe('+OK\r\n');
  expect(await call(master.port, 'SET', 'lagging', '1')).toBe('+OK\r\n');
  const ip = await replicaAddress(master.port, target.port);
  expect(await call(master.port, 'FAILOVER', 'TO', ip, String(target.port))).toBe('+OK\r\n');
  expect(await infoField(master.port, 'master_failover_state')).toBe('waiting-for-sync');
  const writer = await RawClient.connect(master.port);
  writer.send('SET', 'held', '1');
  await sleep(200);
  expect(writer.pending().length).toBe(0);
  expect(await call(master.port, 'GET', 'lagging')).toBe('$1\r\n1\r\n');
  expect(await call(master.port, 'REPLICAOF', 'NO', 'ONE')).toBe(
    '-ERR REPLICAOF not allowed while failing over.\r\n',
  );
  expect(await call(master.port, 'FAILOVER')).toBe('-ERR FAILOVER already in progress.\r\n');
  expect(await call(master.port, 'FAILOVER', 'ABORT')).toBe('+OK\r\n');
  expect((await writer.readReply()).toString('latin1')).toBe('+OK\r\n');
  await writer.close();
  expect(await infoField(master.port, 'master_failover_state')).toBe('no-failover');
  expect(await isMaster(master.port)).toBe(true);
  expect(await call(target.port, 'CLIENT', 'UNPAUSE')).toBe('+OK\r\n');
  await waitConverged(master.port, target.port);
});

test('TIMEOUT gives up on a replica that does not catch up; with FORCE the failover goes on anyway', async () => {
  const { master, replicas } = await cluster(1);
  const [target] = replicas;
  expect(await call(target.port, 'CLIENT', 'PAUSE', '100000', 'WRITE')).toBe('+OK\r\n');
  expect(await call(master.port, 'SET', 'never-applied', '1')).toBe('+OK\r\n');
  const ip = await replicaAddress(master.port, target.port);
  expect(await call(master.port, 'FAILOVER', 'TO', ip, String(target.port), 'TIMEOUT', '300')).toBe(
    '+OK\r\n',
  );
  await until(
    'the failover to give up',
    async () => (await infoField(master.port, 'master_failover_state')) === 'no-failover',
  );
  expect(await isMaster(master.port)).toBe(true);
  expect(await isMaster(target.port)).toBe(false);
  expect(await call(master.port, 'SET', 'still-master', '1')).toBe('+OK\r\n');

  const args = ['FAILOVER', 'TO', ip, String(target.port), 'TIMEOUT', '300', 'FORCE'];
  expect(await call(master.port, ...args)).toBe('+OK\r\n');
  await until('the target to be master', () => isMaster(target.port));
  await until('the old master to follow it', () => follows(master.port, target.port));
  // The target never applied what it held: the old master's extra writes go with the full sync that follows.
  await waitConverged(target.port, master.port);
  expect(await call(master.port, 'EXISTS', 'never-applied', 'still-master')).toBe(':0\r\n');
  expect(await statsCounter(target.port, 'sync_full')).toBe(1);
  expect(await call(target.port, 'CLIENT', 'UNPAUSE')).toBe('+OK\r\n');
});

test('a link that stalls during the wait: writes stay held until the replica catches up, then it takes over', async () => {
  const master = await drake();
  for (let i = 0; i < 200; i++) await call(master.port, 'SET', `seed:${i}`, String(i));
  const proxy = await TcpProxy.start('127.0.0.1', master.port);
  try {
    const target = await drake('--replicaof', `127.0.0.1:${proxy.port}`);
    await waitConverged(master.port, target.port);
    const writer = new AckedWriter(await RawClient.connect(master.port));
    await sleep(200);
    // The target stops hearing from the master (and the master from it) while the failover starts.
    proxy.pause();
    await sleep(100);
    const ip = await replicaAddress(master.port, target.port);
    expect(await call(master.port, 'FAILOVER', 'TO', ip, String(target.port))).toBe('+OK\r\n');
    await sleep(500);
    expect(await infoField(master.port, 'master_failover_state')).toBe('waiting-for-sync');
    expect(await isMaster(master.port)).toBe(true);
    proxy.resume();
    await until('the target to be master', () => isMaster(target.port));
    await until('the old master to follow it', () => follows(master.port, target.port));
    const acknowledged = await writer.stop();
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(await presentKeys(target.port, acknowledged)).toBe(acknowledged.length);
    await waitConverged(target.port, master.port);
  } finally {
    await proxy.close();
  }
});

test('with passwords: the replica and the failing-over master authenticate with masterauth', async () => {
  const secured = ['--requirepass', 'pw', '--masterauth', 'pw'];
  const master = await drake(...secured);
  const replica = await drake(...secured, '--replicaof', `127.0.0.1:${master.port}`);
  const [m, r] = await Promise.all([RawClient.connect(master.port), RawClient.connect(replica.port)]);
  try {
    for (const c of [m, r]) expect(await c.callText('AUTH', 'pw')).toBe('+OK\r\n');
    expect(await m.callText('SET', 'k', 'v')).toBe('+OK\r\n');
    const linked = async (c: RawClient, masterPort: number): Promise<boolean> => {
      const info = await c.callText('INFO', 'replication');
      return info.includes(`master_port:${masterPort}\r\n`) && info.includes('master_link_status:up');
    };
    await until('the replica to sync', async () => (await r.callText('GET', 'k')) === '$1\r\nv\r\n');
    const ip = /^slave0:ip=([^,]+),/m.exec(await m.callText('INFO', 'replication'))?.[1] ?? '';
    expect(await m.callText('FAILOVER', 'TO', ip, String(replica.port))).toBe('+OK\r\n');
    await until('the old master to follow the new one', () => linked(m, replica.port));
    expect(await r.callText('ROLE')).toMatch(/^\*3\r\n\$6\r\nmaster/);
    expect(await r.callText('SET', 'after', '1')).toBe('+OK\r\n');
    await until(
      'the write to reach the old master',
      async () => (await m.callText('GET', 'after')) === '$1\r\n1\r\n',
    );
  } finally {
    await Promise.all([m.close(), r.close()]);
  }
});

test('DFLY FAILOVER is taken only by a replica, from its own master', async () => {
  const { master, replicas } = await cluster(1);
  const [replica] = replicas;
  expect(await call(master.port, 'DFLY', 'FAILOVER', 'x'.repeat(40))).toBe(
    "-ERR DFLY FAILOVER can't be sent to a master.\r\n",
  );
  expect(await call(replica.port, 'DFLY', 'FAILOVER', 'x'.repeat(40))).toBe(
    "-ERR DFLY FAILOVER replid must match my master's replid.\r\n",
  );
  expect(await isMaster(replica.port)).toBe(false);
});

describe('errors, against a Redis master and replica in the same positions', () => {
  const lines = [
    ['FAILOVER', 'ABORT'],
    ['FAILOVER', 'TIMEOUT', '0'],
    ['FAILOVER', 'TIMEOUT', '-5'],
    ['FAILOVER', 'TIMEOUT', 'abc'],
    ['FAILOVER', 'TIMEOUT', '10', 'TIMEOUT', '20'],
    ['FAILOVER', 'TO', '127.0.0.1', 'x'],
    ['FAILOVER', 'TO', '127.0.0.1'],
    ['FAILOVER', 'TO', '127.0.0.1', '1', 'TO', '127.0.0.1', '2'],
    ['FAILOVER', 'FORCE'],
    ['FAILOVER', 'FORCE', 'FORCE'],
    ['FAILOVER', 'TO', '127.0.0.1', '1', 'FORCE'],
    ['FAILOVER', 'TIMEOUT', '100', 'FORCE'],
    ['FAILOVER', 'TO', '127.0.0.1', '1'],
    ['FAILOVER', 'TO', '10.9.9.9', '1', 'TIMEOUT', '100', 'FORCE'],
    ['FAILOVER', 'abort', 'TIMEOUT', '10'],
    ['FAILOVER', 'foo'],
  ];

  /** The lines on `master`, then on `replica`; a bare FAILOVER only where it cannot start one (no replica). */
  async function replies(master: number, replica: number, alone = false): Promise<string[]> {
    const out: string[] = [];
    if (alone) out.push(await call(master, 'FAILOVER'));
    for (const port of [master, replica]) {
      for (const argv of lines)
        out.push(`${port === master ? 'master' : 'replica'}> ${argv.join(' ')}`, await call(port, ...argv));
    }
    out.push(`master_failover_state:${await infoField(master, 'master_failover_state')}`);
    out.push(`replica master_failover_state:${await infoField(replica, 'master_failover_state')}`);
    return out;
  }

  test('a master alone, a master with a replica, and the replica answer as Redis', async () => {
    const alone = [await startRedis(), await drake()];
    servers.push(alone[0]);
    const redisMaster = await startRedis();
    servers.push(redisMaster);
    const redisReplica = await startRedis({ args: ['--replicaof', '127.0.0.1', String(redisMaster.port)] });
    servers.push(redisReplica);
    await until(
      'the Redis replica to sync',
      async () => (await infoField(redisReplica.port, 'master_link_status')) === 'up',
    );
    const { master, replicas } = await cluster(1);
    const expectedAlone = await replies(alone[0].port, alone[0].port, true);
    expect(await replies(alone[1].port, alone[1].port, true)).toEqual(expectedAlone);
    expect(await call(replicas[0].port, 'FAILOVER')).toBe(await call(redisReplica.port, 'FAILOVER'));
    const expected = await replies(redisMaster.port, redisReplica.port);
    expect(await replies(master.port, replicas[0].port)).toEqual(expected);
    expect(await call(master.port, 'COMMAND', 'INFO', 'FAILOVER')).toBe(
      await call(redisMaster.port, 'COMMAND', 'INFO', 'FAILOVER'),
    );
  });
});
