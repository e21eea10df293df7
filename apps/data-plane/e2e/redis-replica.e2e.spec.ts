import { execFile, spawn } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { promisify } from 'util';
import { TcpProxy } from '@drake/replication-testing';
import { startDrake, startRedis, type ServerHandle } from './support/processes';
import { GroupWriter } from './support/group-writer';
import { RawClient } from './support/raw-client';
import { sameOnBoth } from './support/transcripts';
import { call, datasetListing, statsCounter, waitConverged, Writer } from './support/replication';

/**
 * A real redis-server 7.0 replicating from Drake (SYNC/PSYNC): it loads Drake's RDB and applies its command stream
 * while writers run on every data type, converges to the same data (DEBUG DIGEST and every key of both databases
 * compared), continues from Drake's backlog after its link is cut (a full resync once the backlog no longer holds
 * its offset), and counts for WAIT.
 */
jest.setTimeout(180_000);

let master: ServerHandle;
let replica: ServerHandle | undefined;

beforeAll(async () => {
  master = await startDrake();
});

afterAll(async () => {
  await Promise.all([master?.stop(), replica?.stop()]);
});

async function sameData(): Promise<void> {
  await waitConverged(master.port, (replica as ServerHandle).port, 60_000);
  expect(await datasetListing((replica as ServerHandle).port)).toEqual(await datasetListing(master.port));
}

test('a Redis replica full-syncs from Drake while writers run, then follows its stream to the same data', async () => {
  const before = await Writer.start(master.port, 7, 300);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await before.stop();
  const writers = await Promise.all([Writer.start(master.port, 11, 300), Writer.start(master.port, 13, 300)]);
  replica = await startRedis({ args: ['--replicaof', '127.0.0.1', String(master.port)] });
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const acked = await Promise.all(writers.map((w) => w.stop()));
  expect(Math.min(...acked)).toBeGreaterThan(100);
  await sameData();
  const info = await call(replica.port, 'INFO', 'replication');
  expect(info).toContain('master_link_status:up');
  // Drake lists it among its replicas, at the port it announced, as Sentinel expects to find it.
  const masterInfo = await call(master.port, 'INFO', 'replication');
  expect(masterInfo).toContain('connected_slaves:1');
  expect(masterInfo).toMatch(
    new RegExp(`slave0:ip=127\\.0\\.0\\.1,port=${replica.port},state=online,offset=\\d+,lag=\\d+`),
  );
  expect(
    Number(/sync_full:(\d+)/.exec(await call(master.port, 'INFO', 'stats'))?.[1]),
  ).toBeGreaterThanOrEqual(1);
});

test('after its link to Drake is cut, the Redis replica continues from the backlog (+CONTINUE) each time', async () => {
  const port = (replica as ServerHandle).port;
  const fullBefore = await statsCounter(master.port, 'sync_full');
  const partialBefore = await statsCounter(master.port, 'sync_partial_ok');
  for (let cut = 0; cut < 3; cut++) {
    const writer = await Writer.start(master.port, 20 + cut, 300);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await call(port, 'CLIENT', 'KILL', 'TYPE', 'master')).toMatch(/^:1\r\n$/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await writer.stop();
    await sameData();
  }
  expect(await statsCounter(master.port, 'sync_partial_ok')).toBe(partialBefore + 3);
  expect(await statsCounter(master.port, 'sync_full')).toBe(fullBefore);
  // The replica follows Drake's history under Drake's replication id.
  const replid = /master_replid:(\w+)/.exec(await call(master.port, 'INFO', 'replication'))?.[1];
  expect(await call(port, 'INFO', 'replication')).toContain(`master_replid:${replid}`);
});

/**
 * Runs `body` with a second redis-server replica of Drake that reaches it through a proxy (which can pause or cut
 * its link), once it holds the same data; stops both after.
 */
async function withProxiedFollower(
  body: (follower: ServerHandle, proxy: TcpProxy) => Promise<void>,
): Promise<void> {
  const proxy = await TcpProxy.start('127.0.0.1', master.port);
  const follower = await startRedis({ args: ['--replicaof', '127.0.0.1', String(proxy.port)] });
  try {
    await waitConverged(master.port, follower.port, 60_000);
    await body(follower, proxy);
  } finally {
    await follower.stop();
    await proxy.close();
  }
}

test('WAIT counts a Redis replica once it acknowledged the writes, and not while its link is stalled', async () => {
  await withProxiedFollower(async (_follower, proxy) => {
    const c = await RawClient.connect(master.port);
    try {
      await c.call('SET', 'wait:a', '1');
      expect(await c.callText('WAIT', '2', '5000')).toBe(':2\r\n');
      // A paused link: the follower cannot acknowledge the next write (the other replica can).
      proxy.pause();
      await c.call('SET', 'wait:b', '2');
      expect(await c.callText('WAIT', '2', '200')).toBe(':1\r\n');
      proxy.resume();
      expect(await c.callText('WAIT', '2', '5000')).toBe(':2\r\n');
    } finally {
      await c.close();
    }
  });
});

/** Drake's master_repl_offset and the offset its INFO gives for the replica that listens on `port`. */
async function masterAndReplicaOffsets(port: number): Promise<[number, number]> {
  const info = await call(master.port, 'INFO', 'replication');
  return [
    Number(/master_repl_offset:(\d+)/.exec(info)?.[1]),
    Number(new RegExp(`slave\\d+:ip=[^,]*,port=${port},[^\\r]*,offset=(\\d+)`).exec(info)?.[1]),
  ];
}

async function untilReplicaOffsetIsMasters(port: number): Promise<void> {
  for (const deadline = Date.now() + 10_000; ;) {
    const [ofMaster, ofReplica] = await masterAndReplicaOffsets(port);
    if (ofMaster === ofReplica) return;
    if (Date.now() > deadline) throw new Error(`replica offset ${ofReplica}, master ${ofMaster}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test("Drake's INFO counts what a Redis replica acknowledged in journal records, as master_repl_offset does", async () => {
  // No key with a TTL left: nothing but the writes below adds records.
  await call(master.port, 'FLUSHALL');
  await withProxiedFollower(async (follower, proxy) => {
    // It acknowledges every second.
    await untilReplicaOffsetIsMasters(follower.port);
    // A paused link: the follower can acknowledge nothing of what follows.
    proxy.pause();
    for (let i = 0; i < 10; i++) await call(master.port, 'SET', `lag:${i}`, 'x'.repeat(i * 50));
    // Its own INFO counts bytes; Drake's counts records, so master_repl_offset - offset is its lag in records.
    const [ofMaster, ofReplica] = await masterAndReplicaOffsets(follower.port);
    expect(ofMaster - ofReplica).toBe(10);
    proxy.resume();
    await untilReplicaOffsetIsMasters(follower.port);
  });
});

test('a Redis replica cut off for longer than the backlog holds gets a full resync and converges', async () => {
  await withProxiedFollower(async (follower, proxy) => {
    await call(master.port, 'CONFIG', 'SET', 'repl-backlog-size', '65536');
    try {
      const fullBefore = await statsCounter(master.port, 'sync_full');
      const errBefore = await statsCounter(master.port, 'sync_partial_err');
      proxy.refuse(true);
      proxy.cut();
      // 200 writes of 1 KB: three times what the backlog holds.
      const c = await RawClient.connect(master.port);
      try {
        for (let i = 0; i < 200; i++) await c.call('SET', `gap:${i}`, 'x'.repeat(1024));
      } finally {
        await c.close();
      }
      proxy.refuse(false);
      await waitConverged(master.port, follower.port, 60_000);
      expect(await datasetListing(follower.port)).toEqual(await datasetListing(master.port));
      expect(await statsCounter(master.port, 'sync_full')).toBe(fullBefore + 1);
      expect(await statsCounter(master.port, 'sync_partial_err')).toBe(errBefore + 1);
    } finally {
      await call(master.port, 'CONFIG', 'SET', 'repl-backlog-size', '1048576');
    }
  });
});

test('a transaction with a float increment and a blocking pop reaches the Redis replica as its effects', async () => {
  const port = (replica as ServerHandle).port;
  await call(master.port, 'FLUSHALL');
  const c = await RawClient.connect(master.port);
  try {
    await c.call('MULTI');
    await c.call('SET', 'tx:a', '1');
    await c.call('INCRBYFLOAT', 'tx:f', '1.5');
    await c.call('LPUSH', 'tx:l', 'x', 'y');
    await c.call('BLPOP', 'tx:l', '0');
    expect(await c.callText('EXEC')).toMatch(/^\*4\r\n/);
    await c.call('SET', 'tx:b', '2', 'EX', '100');
  } finally {
    await c.close();
  }
  await sameData();
  expect(await call(port, 'LRANGE', 'tx:l', '0', '-1')).toBe('*1\r\n$1\r\nx\r\n');
  expect(Number((await call(port, 'TTL', 'tx:b')).slice(1))).toBeGreaterThan(90);
});

/**
 * XINFO STREAM FULL of the group writer's streams with every ms time masked: a Redis replica runs the XREADGROUPs,
 * XCLAIMs and CREATECONSUMERs of Drake's stream with its own clock, as it runs Redis's own propagation of them.
 */
async function groupStates(port: number): Promise<string> {
  const out: string[] = [];
  for (const key of GroupWriter.streamKeys) out.push(await call(port, 'XINFO', 'STREAM', key, 'FULL'));
  return out.join('').replace(/:\d{13}\r\n/g, ':<ms>\r\n');
}

test('consumer groups reach the Redis replica: the same groups, PELs, delivery counts, read counters and consumers', async () => {
  const port = (replica as ServerHandle).port;
  const writer = await GroupWriter.start(master.port, 9);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(await writer.stop()).toBeGreaterThan(200);
  await sameData();
  const expected = await groupStates(master.port);
  expect(expected).toMatch(/\$9\r\npel-count\r\n:[1-9]/);
  let actual = '';
  for (let i = 0; i < 100 && actual !== expected; i++) {
    actual = await groupStates(port);
    if (actual !== expected) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(actual).toBe(expected);
  expect(await call(port, 'INFO', 'replication')).toContain('master_link_status:up');
});

/** `transcript` on a connection to a fresh redis-server and one to Drake: the same from both (sameOnBoth). */
async function sameAsRedis(transcript: (c: RawClient) => Promise<string>): Promise<string> {
  const redis = await startRedis();
  try {
    return await sameOnBoth({ redis: () => redis, subject: () => master }, async (port) => {
      const c = await RawClient.connect(port);
      try {
        return await transcript(c);
      } finally {
        await c.close();
      }
    });
  } finally {
    await redis.stop();
  }
}

test('SYNC and PSYNC refuse what Redis refuses, with its errors', async () => {
  const transcript = await sameAsRedis(async (c) => {
    // Pipelined behind a PING, PSYNC would put the RDB after a reply still waiting: refused.
    c.sendRaw('PING\r\nPSYNC ? -1\r\nPSYNC a\r\nMULTI\r\nSYNC\r\nEXEC\r\nPSYNC ? notanumber\r\n');
    const replies: string[] = [];
    for (let i = 0; i < 7; i++) replies.push((await c.readReply()).toString('latin1'));
    return replies.join('');
  });
  expect(transcript).toContain('-ERR SYNC and PSYNC are invalid with pending output\r\n');
});

test('SIGTERM waits until a Redis replica has acknowledged every write, then exits', async () => {
  const own = await startDrake();
  const proxy = await TcpProxy.start('127.0.0.1', own.port);
  const follower = await startRedis({ args: ['--replicaof', '127.0.0.1', String(proxy.port)] });
  try {
    await waitConverged(own.port, follower.port, 60_000);
    proxy.pause();
    expect(await call(own.port, 'SET', 'last', 'write')).toBe('+OK\r\n');
    own.process.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Still up: the replica cannot acknowledge through the paused link.
    expect(await call(own.port, 'GET', 'last')).toBe('$5\r\nwrite\r\n');
    proxy.resume();
    expect((await own.exited).code).toBe(0);
    expect(await call(follower.port, 'GET', 'last')).toBe('$5\r\nwrite\r\n');
  } finally {
    await follower.stop();
    await proxy.close();
    await own.stop();
  }
});

test('REPLCONF rdb-only and rdb-filter-only take and refuse what Redis does, with its errors', async () => {
  const transcript = await sameAsRedis(async (c) => {
    const replies: string[] = [];
    for (const argv of [
      ['REPLCONF', 'rdb-only', '2'],
      ['REPLCONF', 'rdb-only', 'x'],
      ['REPLCONF', 'rdb-only', '1'],
      ['REPLCONF', 'rdb-filter-only', 'functions keys'],
      ['REPLCONF', 'rdb-filter-only', '"unbalanced'],
      ['REPLCONF', 'rdb-filter-only', ''],
      ['REPLCONF', 'rdb-filter-only', 'FUNCTIONS'],
      // A filtered RDB only goes out between EOF marks.
      ['SYNC'],
    ])
      replies.push(await c.callText(...argv));
    return replies.join('');
  });
  expect(transcript).toContain('-ERR Filtered replica requires EOF capability\r\n');
});

test('redis-cli --rdb takes an RDB-only copy (redis-server loads it to the same digest); --functions-rdb one without keys', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'drake-e2e-rdb-only-'));
  const run = promisify(execFile);
  try {
    await call(master.port, 'SET', 'rdb-only:key', 'value');
    const digest = await call(master.port, 'DEBUG', 'DIGEST');
    const replicas = async (): Promise<string | undefined> =>
      /connected_slaves:\d+/.exec(await call(master.port, 'INFO', 'replication'))?.[0];
    const before = await replicas();
    await run('redis-cli', ['-p', String(master.port), '--rdb', path.join(dir, 'dump.rdb')]);
    // The transfer ended the connection: it is not listed among the replicas.
    expect(await replicas()).toBe(before);
    const loaded = await startRedis({ args: ['--dir', dir] });
    try {
      expect(await call(loaded.port, 'DEBUG', 'DIGEST')).toBe(digest);
    } finally {
      await loaded.stop();
    }
    await run('redis-cli', ['-p', String(master.port), '--functions-rdb', path.join(dir, 'functions.rdb')]);
    const functionsOnly = readFileSync(path.join(dir, 'functions.rdb'));
    expect(functionsOnly.subarray(0, 9).toString('latin1')).toBe('REDIS0010');
    const empty = await startRedis({ args: ['--dir', dir, '--dbfilename', 'functions.rdb'] });
    try {
      expect(await call(empty.port, 'DBSIZE')).toBe(':0\r\n');
    } finally {
      await empty.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an RDB-only replica gets the RDB and no stream after it, then Drake closes the connection', async () => {
  const c = await RawClient.connect(master.port);
  try {
    expect(await c.callText('REPLCONF', 'capa', 'eof')).toBe('+OK\r\n');
    expect(await c.callText('REPLCONF', 'rdb-only', '1')).toBe('+OK\r\n');
    c.send('PSYNC', '?', '-1');
    await call(master.port, 'SET', 'after:rdb', 'not-sent');
    const { data, closed } = await c.readUntilClose(30_000);
    expect(closed).toBe(true);
    const text = data.toString('latin1');
    const head = /^\+FULLRESYNC \w{40} \d+\r\n\$EOF:(\w{40})\r\nREDIS0010/.exec(text);
    expect(head).not.toBeNull();
    // The output ends with the mark: no command of the stream follows it.
    expect(text.endsWith((head as RegExpExecArray)[1])).toBe(true);
    expect(text).not.toContain('not-sent');
  } finally {
    await c.close();
  }
});

test('a SYNC without capa eof gets the RDB with its length (spooled to disk), which redis-server loads to the same digest', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'drake-e2e-sync-length-'));
  const c = await RawClient.connect(master.port);
  try {
    await call(master.port, 'DEBUG', 'POPULATE', '30000', 'spooled', '100');
    const digest = await call(master.port, 'DEBUG', 'DIGEST');
    c.send('SYNC');
    let data: Buffer = Buffer.alloc(0);
    let length = -1;
    let start = 0;
    for (let waited = 0; waited < 30_000; waited += 20) {
      data = c.pending();
      const header = /^\$(\d+)\r\n/.exec(data.subarray(0, 24).toString('latin1'));
      if (header !== null) [length, start] = [Number(header[1]), header[0].length];
      if (length >= 0 && data.length >= start + length) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // More than the 1 MB the master lets wait unsent: the file went out in paced parts.
    expect(length).toBeGreaterThan(1024 * 1024);
    expect(data.length).toBeGreaterThanOrEqual(start + length);
    writeFileSync(path.join(dir, 'dump.rdb'), data.subarray(start, start + length));
    const loaded = await startRedis({ args: ['--dir', dir] });
    try {
      expect(await call(loaded.port, 'DEBUG', 'DIGEST')).toBe(digest);
    } finally {
      await loaded.stop();
    }
    // Nothing is left in Drake's directory: the spool file was unlinked when it was opened.
    const drakeDir = (await call(master.port, 'CONFIG', 'GET', 'dir')).split('\r\n')[4];
    expect(readdirSync(drakeDir).filter((name) => name.startsWith('temp-repl-'))).toEqual([]);
  } finally {
    await c.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('redis-cli --replica (an empty filter: an RDB without keys) then logs the commands Drake streams', async () => {
  const cli = spawn('redis-cli', ['-p', String(master.port), '--replica']);
  let out = '';
  cli.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('latin1')));
  cli.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('latin1')));
  try {
    for (let i = 0; i < 200 && !out.includes('Logging commands'); i++)
      await new Promise((r) => setTimeout(r, 25));
    expect(out).toMatch(/SYNC done after \d+ bytes/);
    await call(master.port, 'SET', 'cli:replica', 'seen');
    for (let i = 0; i < 200 && !out.includes('"cli:replica"'); i++)
      await new Promise((r) => setTimeout(r, 25));
    expect(out).toContain('"SET","cli:replica","seen"');
  } finally {
    cli.kill();
  }
});
