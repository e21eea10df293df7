import { startDrake, startSentinel, type ServerHandle } from './support/processes';
import { RawClient } from './support/raw-client';
import { call, datasetListing, digest, statsCounter, waitConverged } from './support/replication';

/**
 * Redis Sentinel 7.0 (redis-server --sentinel) watching a Drake master and two Drake replicas: it finds the
 * replicas through the master's INFO, publishes its hello messages on every node, and when the master dies it
 * promotes a replica (SLAVEOF NO ONE in a MULTI) and points the other at it.
 */
jest.setTimeout(120_000);

const servers: ServerHandle[] = [];

async function start(server: Promise<ServerHandle>): Promise<ServerHandle> {
  const s = await server;
  servers.push(s);
  return s;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` every 100 ms until it returns a value other than null, or throws after `timeoutMs`. A probe whose
 * connection is cut counts as "not yet": a failover ends with CLIENT KILL TYPE normal on every node Sentinel
 * reconfigures, and a probe connected at that moment is closed, against Redis as against Drake.
 */
async function eventually<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== null) return value;
    } catch (err) {
      lastError = err;
    }
    await sleep(100);
  }
  throw new Error(
    `timed out waiting for ${what}${lastError === null ? '' : ` (last error: ${String(lastError)})`}`,
  );
}

/** The bulk strings of a flat array reply. */
function bulks(reply: string): string[] {
  return [...reply.matchAll(/\$\d+\r\n([^\r]*)\r\n/g)].map((m) => m[1]);
}

test('Sentinel fails a Drake master over; the sibling follows by partial sync, every acknowledged write kept', async () => {
  const master = await start(startDrake({ args: ['--shard_count', '4'] }));
  const replicaArgs = ['--shard_count', '4', '--master_reconnect_timeout_ms', '200'];
  const replicas = [
    await start(startDrake({ args: [...replicaArgs, '--replicaof', `127.0.0.1:${master.port}`] })),
    await start(startDrake({ args: [...replicaArgs, '--replicaof', `127.0.0.1:${master.port}`] })),
  ];
  for (const r of replicas) await waitConverged(master.port, r.port);
  const sentinel = await start(startSentinel(master.port));
  await eventually('Sentinel to find both replicas', async () => {
    const reply = await call(sentinel.port, 'SENTINEL', 'REPLICAS', 'mymaster');
    return reply.startsWith('*2\r\n') ? true : null;
  });
  // Sentinel's hello messages reach every node's subscribers; a replica must not journal them (its journal mirrors
  // its master's record for record, which the sibling's partial sync below relies on).
  for (const r of replicas) {
    const subscriber = await RawClient.connect(r.port);
    await subscriber.call('SUBSCRIBE', '__sentinel__:hello');
    expect((await subscriber.readReply(10_000)).toString('latin1')).toContain('__sentinel__:hello');
    await subscriber.close();
  }
  const c = [];
  for (let i = 0; i < 2_000; i++) c.push(call(master.port, 'SET', `key:${i}`, `value-${i}`));
  await Promise.all(c);
  expect(await call(master.port, 'WAIT', '2', '5000')).toBe(':2\r\n');
  const before = await digest(master.port);
  const listing = await datasetListing(master.port);

  master.process.kill('SIGKILL');
  const promotedPort = await eventually('Sentinel to switch the master', async () => {
    const [, port] = bulks(await call(sentinel.port, 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', 'mymaster'));
    return port !== undefined && Number(port) !== master.port ? Number(port) : null;
  });
  const promoted = replicas.find((r) => r.port === promotedPort) as ServerHandle;
  const sibling = replicas.find((r) => r.port !== promotedPort) as ServerHandle;
  expect(promoted).toBeDefined();
  expect(bulks(await call(promoted.port, 'ROLE'))[0]).toBe('master');
  await eventually('the sibling to follow the promoted replica', async () => {
    const role = bulks(await call(sibling.port, 'ROLE'));
    return role[1] === '127.0.0.1' &&
      (await call(sibling.port, 'ROLE')).includes(`:${promoted.port}\r\n`) &&
      role[2] === 'connected'
      ? true
      : null;
  });
  await waitConverged(promoted.port, sibling.port);
  // The sibling resumed from the promoted replica's journal: no full sync.
  expect(await statsCounter(promoted.port, 'sync_partial_ok')).toBe(1);
  expect(await statsCounter(promoted.port, 'sync_full')).toBe(0);
  expect(await digest(promoted.port)).toBe(before);
  expect(await datasetListing(sibling.port)).toEqual(listing);
  expect(await call(promoted.port, 'SET', 'after', 'failover')).toBe('+OK\r\n');
  await waitConverged(promoted.port, sibling.port);
});
