import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { runDrakeToExit, startDrake, startRedis, type ServerHandle } from './support/processes';
import { RawClient } from './support/raw-client';
import { call, datasetListing, Writer } from './support/replication';

/**
 * The RDB file between real processes: SAVE, BGSAVE (a point-in-time snapshot under write load, no fork), the
 * load at start-up, SHUTDOWN SAVE/NOSAVE and save points, files exchanged with redis-server both ways (same
 * DEBUG DIGEST), and a damaged file refused at start-up.
 */
jest.setTimeout(120_000);

const servers: ServerHandle[] = [];
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'drake-rdb-'));
  dirs.push(dir);
  return dir;
}

async function drakeIn(dir: string, ...args: string[]): Promise<ServerHandle> {
  const s = await startDrake({ args: ['--dir', dir, '--shard_count', '4', ...args] });
  servers.push(s);
  return s;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Every type, TTLs, a consumer group, three databases. */
async function fill(port: number, keys: number): Promise<void> {
  const c = await RawClient.connect(port);
  for (let db = 0; db < 3; db++) {
    await c.callText('SELECT', String(db));
    let sent = 0;
    const send = (...argv: string[]): void => {
      c.send(...argv);
      sent++;
    };
    for (let i = 0; i < keys; i++) {
      send('SET', `s:${i}`, `value-${i}-${db}`);
      if (i % 10 === 0) send('PEXPIRE', `s:${i}`, '3600000');
      send('RPUSH', `l:${i % 20}`, String(i));
      send('HSET', `h:${i % 20}`, `f${i}`, 'x'.repeat(i % 70));
      send('SADD', `set:${i % 20}`, String(i * 3));
      send('ZADD', `z:${i % 20}`, String(i / 7), `m${i}`);
      send('XADD', `x:${i % 5}`, '*', 'f', String(i));
      send('GEOADD', 'geo', String((i % 360) - 180 + 0.5), String(((i * 7) % 170) - 85 + 0.25), `p${i}`);
    }
    for (let i = 0; i < sent; i++) await c.readReply();
    await c.callText('XGROUP', 'CREATE', 'x:0', 'g', '0');
    await c.callText('XREADGROUP', 'GROUP', 'g', 'alice', 'COUNT', '3', 'STREAMS', 'x:0', '>');
  }
  await c.close();
}

const digestOf = (port: number): Promise<string> => call(port, 'DEBUG', 'DIGEST');

async function waitBgsave(port: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if ((await call(port, 'INFO', 'persistence')).includes('rdb_bgsave_in_progress:0')) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the background save did not end');
}

test('SAVE, then a restart loads the whole dataset; redis-server loads the same file with the same digest', async () => {
  const dir = tempDir();
  const drake = await drakeIn(dir);
  await fill(drake.port, 500);
  const digest = await digestOf(drake.port);
  const listing = await datasetListing(drake.port, 3);
  expect(await call(drake.port, 'SAVE')).toBe('+OK\r\n');
  expect(await call(drake.port, 'INFO', 'persistence')).toContain('rdb_changes_since_last_save:0');
  await drake.stop();
  const again = await drakeIn(dir);
  expect(await digestOf(again.port)).toBe(digest);
  expect(await datasetListing(again.port, 3)).toEqual(listing);
  // redis-server reads Drake's file.
  const redisDir = tempDir();
  copyFileSync(path.join(dir, 'dump.rdb'), path.join(redisDir, 'dump.rdb'));
  const redis = await startRedis({ args: ['--dir', redisDir] });
  servers.push(redis);
  expect(await digestOf(redis.port)).toBe(digest);
});

test("a redis-server's dump.rdb loads into Drake with the same digest", async () => {
  const redis = await startRedis();
  servers.push(redis);
  await fill(redis.port, 300);
  const digest = await digestOf(redis.port);
  expect(await call(redis.port, 'SAVE')).toBe('+OK\r\n');
  const dir = tempDir();
  const redisDir = (await call(redis.port, 'CONFIG', 'GET', 'dir')).split('\r\n')[4];
  copyFileSync(path.join(redisDir, 'dump.rdb'), path.join(dir, 'dump.rdb'));
  const drake = await drakeIn(dir);
  expect(await digestOf(drake.port)).toBe(digest);
});

test('BGSAVE under write load writes the dataset as it was when it started', async () => {
  const dir = tempDir();
  const drake = await drakeIn(dir);
  await fill(drake.port, 4000);
  const c = await RawClient.connect(drake.port);
  // One connection, one write: the digest, BGSAVE and the changes behind it run in this order, the changes
  // before the snapshot's first turn, so the write hooks must save every segment they touch first.
  const digest = (await c.call('DEBUG', 'DIGEST')).toString('latin1');
  c.send('BGSAVE');
  for (let i = 0; i < 2000; i++) c.send('SET', `s:${i}`, 'changed');
  c.send('DEL', 'l:1', 'h:2');
  c.send('SWAPDB', '0', '2');
  c.send('FLUSHDB');
  expect((await c.readReply()).toString('latin1')).toBe('+Background saving started\r\n');
  for (let i = 0; i < 2003; i++) await c.readReply();
  const writers = await Promise.all([1, 2].map((seed) => Writer.start(drake.port, seed, 5000)));
  await waitBgsave(drake.port);
  expect((await Promise.all(writers.map((w) => w.stop()))).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  await c.close();
  const copy = tempDir();
  copyFileSync(path.join(dir, 'dump.rdb'), path.join(copy, 'dump.rdb'));
  const loaded = await drakeIn(copy);
  expect(await digestOf(loaded.port)).toBe(digest);
  // The file was streamed as the snapshot reached the keys (databases interleaved): redis-server reads it too,
  // and no temporary file is left beside it.
  const redis = await startRedis({ args: ['--dir', copy] });
  servers.push(redis);
  expect(await digestOf(redis.port)).toBe(digest);
  expect(readdirSync(dir).filter((f) => f.includes('temp'))).toEqual([]);
});

test('a BGSAVE that cannot create its file answers as Redis (started), then reports the failure', async () => {
  const dir = tempDir();
  const drake = await drakeIn(dir);
  await call(drake.port, 'SET', 'k', 'v');
  // The directory goes away under the server (root ignores permissions, so a read-only one would not do).
  rmSync(dir, { recursive: true, force: true });
  expect(await call(drake.port, 'BGSAVE')).toBe('+Background saving started\r\n');
  await waitBgsave(drake.port);
  expect(await call(drake.port, 'INFO', 'persistence')).toContain('rdb_last_bgsave_status:err');
  expect(await call(drake.port, 'PING')).toBe('+PONG\r\n');
});

test('BGSAVE SCHEDULE, SAVE during BGSAVE, LASTSAVE and the change counter', async () => {
  const dir = tempDir();
  const drake = await drakeIn(dir);
  await fill(drake.port, 3000);
  const before = Number((await call(drake.port, 'LASTSAVE')).slice(1, -2));
  expect(await call(drake.port, 'INFO', 'persistence')).not.toContain('rdb_changes_since_last_save:0\r\n');
  const c = await RawClient.connect(drake.port);
  c.send('BGSAVE');
  c.send('BGSAVE');
  c.send('BGSAVE', 'SCHEDULE');
  c.send('SAVE');
  c.send('BGSAVE', 'NOW');
  const replies: string[] = [];
  for (let i = 0; i < 5; i++) replies.push((await c.readReply()).toString('latin1'));
  expect(replies).toEqual([
    '+Background saving started\r\n',
    '-ERR Background save already in progress\r\n',
    '+Background saving scheduled\r\n',
    '-ERR Background save already in progress\r\n',
    '-ERR syntax error\r\n',
  ]);
  await c.close();
  await waitBgsave(drake.port);
  await new Promise((r) => setTimeout(r, 100));
  await waitBgsave(drake.port);
  const info = await call(drake.port, 'INFO', 'persistence');
  expect(info).toContain('rdb_changes_since_last_save:0\r\n');
  expect(info).toContain('rdb_last_bgsave_status:ok');
  expect(Number((await call(drake.port, 'LASTSAVE')).slice(1, -2))).toBeGreaterThanOrEqual(before);
  expect(existsSync(path.join(dir, 'dump.rdb'))).toBe(true);
});

test('SHUTDOWN SAVE writes the file, SHUTDOWN NOSAVE and a plain SHUTDOWN without save points do not; save points make SIGTERM save', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'dump.rdb');
  let drake = await drakeIn(dir);
  await call(drake.port, 'SET', 'k', 'v1');
  await call(drake.port, 'SHUTDOWN').catch(() => '');
  await drake.stop();
  expect(existsSync(file)).toBe(false);
  drake = await drakeIn(dir);
  await call(drake.port, 'SET', 'k', 'v2');
  await call(drake.port, 'SHUTDOWN', 'SAVE').catch(() => '');
  await drake.stop();
  expect(existsSync(file)).toBe(true);
  drake = await drakeIn(dir);
  expect(await call(drake.port, 'GET', 'k')).toBe('$2\r\nv2\r\n');
  await call(drake.port, 'SET', 'k', 'v3');
  await call(drake.port, 'SHUTDOWN', 'NOSAVE').catch(() => '');
  await drake.stop();
  drake = await drakeIn(dir);
  expect(await call(drake.port, 'GET', 'k')).toBe('$2\r\nv2\r\n');
  expect(await call(drake.port, 'CONFIG', 'SET', 'save', '3600 1')).toBe('+OK\r\n');
  await call(drake.port, 'SET', 'k', 'v4');
  await drake.stop(); // SIGTERM
  drake = await drakeIn(dir);
  expect(await call(drake.port, 'GET', 'k')).toBe('$2\r\nv4\r\n');
});

test('a SHUTDOWN SAVE that cannot write keeps the server up and says so; FORCE exits anyway', async () => {
  const dir = tempDir();
  const drake = await drakeIn(dir);
  await call(drake.port, 'SET', 'k', 'v');
  rmSync(dir, { recursive: true, force: true });
  expect(await call(drake.port, 'SAVE')).toBe('-ERR\r\n');
  expect(await call(drake.port, 'INFO', 'persistence')).toContain('rdb_changes_since_last_save:1\r\n');
  expect(await call(drake.port, 'SHUTDOWN', 'SAVE')).toBe('-ERR Errors trying to SHUTDOWN. Check logs.\r\n');
  expect(await call(drake.port, 'GET', 'k')).toBe('$1\r\nv\r\n');
  await call(drake.port, 'SHUTDOWN', 'SAVE', 'FORCE').catch(() => '');
  expect((await drake.stop()).code).toBe(0);
});

test('a damaged dump.rdb stops the start-up with a clear message', async () => {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'dump.rdb'), Buffer.from('REDIS0010\xfa\x09redis-ver', 'latin1'));
  const result = await runDrakeToExit(['--port', '0', '--dir', dir, '--log_level', 'error']);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/cannot start: .*/);
  writeFileSync(path.join(dir, 'dump.rdb'), 'not an rdb file at all');
  const garbage = await runDrakeToExit(['--port', '0', '--dir', dir, '--log_level', 'error']);
  expect(garbage.code).toBe(1);
});

test('save points start a background save once enough changes and seconds have passed', async () => {
  const dir = tempDir();
  const drake = await drakeIn(dir);
  expect(await call(drake.port, 'CONFIG', 'SET', 'save', '1 3')).toBe('+OK\r\n');
  await call(drake.port, 'SET', 'a', '1');
  await call(drake.port, 'SET', 'b', '2');
  await new Promise((r) => setTimeout(r, 2500));
  // Two changes are below the save point: nothing written.
  expect(existsSync(path.join(dir, 'dump.rdb'))).toBe(false);
  await call(drake.port, 'SET', 'c', '3');
  for (let i = 0; i < 100 && !existsSync(path.join(dir, 'dump.rdb')); i++)
    await new Promise((r) => setTimeout(r, 50));
  expect(existsSync(path.join(dir, 'dump.rdb'))).toBe(true);
  await waitBgsave(drake.port);
  expect(await call(drake.port, 'INFO', 'persistence')).toContain('rdb_changes_since_last_save:0\r\n');
});

test('DEBUG RELOAD saves, empties and loads back (NOSAVE, NOFLUSH, MERGE as in Redis)', async () => {
  const dir = tempDir();
  const drake = await drakeIn(dir);
  await fill(drake.port, 200);
  const digest = await digestOf(drake.port);
  expect(await call(drake.port, 'DEBUG', 'RELOAD')).toBe('+OK\r\n');
  expect(await digestOf(drake.port)).toBe(digest);
  expect(await call(drake.port, 'INFO', 'persistence')).toContain('rdb_changes_since_last_save:0\r\n');
  await call(drake.port, 'SET', 'later', 'x');
  // NOSAVE loads the file as it is: the later key goes.
  expect(await call(drake.port, 'DEBUG', 'RELOAD', 'NOSAVE')).toBe('+OK\r\n');
  expect(await call(drake.port, 'EXISTS', 'later')).toBe(':0\r\n');
  expect(await digestOf(drake.port)).toBe(digest);
  expect(await call(drake.port, 'DEBUG', 'RELOAD', 'NOFLUSH', 'NOSAVE')).toBe(
    '-ERR Error trying to load the RDB dump\r\n',
  );
  expect(await call(drake.port, 'DEBUG', 'RELOAD', 'NOFLUSH', 'MERGE', 'NOSAVE')).toBe('+OK\r\n');
  expect(await digestOf(drake.port)).toBe(digest);
  expect(await call(drake.port, 'DEBUG', 'RELOAD', 'FAST')).toBe(
    '-ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.\r\n',
  );
});
