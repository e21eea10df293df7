import { startSubject, type ServerHandle } from './support/processes';
import { RawClient } from './support/raw-client';

/**
 * Blocking commands and transactions over real sockets: a blocked client's pipelined commands wait for it, a
 * client that disconnects while blocked never receives (and so never loses) a pushed element, many waiters
 * are served in order, and MULTI/EXEC runs a queue atomically.
 */
jest.setTimeout(60_000);

let subject: ServerHandle;

beforeAll(async () => {
  subject = await startSubject();
}, 60_000);

afterAll(async () => {
  await subject?.stop();
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function blockedCount(admin: RawClient): Promise<number> {
  const info = await admin.callText('INFO', 'clients');
  return Number(/blocked_clients:(\d+)/.exec(info)?.[1]);
}

async function waitBlocked(admin: RawClient, n: number): Promise<void> {
  for (let i = 0; i < 500 && (await blockedCount(admin)) !== n; i++) await sleep(5);
  expect(await blockedCount(admin)).toBe(n);
}

let admin: RawClient;
beforeEach(async () => {
  admin = await RawClient.connect(subject.port);
  expect(await admin.callText('FLUSHALL')).toBe('+OK\r\n');
});
afterEach(async () => {
  await admin.close();
});

test('commands pipelined after BLPOP wait until it is served, then run in order', async () => {
  const c = await RawClient.connect(subject.port);
  c.sendRaw('*3\r\n$5\r\nBLPOP\r\n$1\r\nq\r\n$1\r\n0\r\n*2\r\n$4\r\nINCR\r\n$1\r\nn\r\n*1\r\n$4\r\nPING\r\n');
  await waitBlocked(admin, 1);
  expect(await admin.callText('GET', 'n')).toBe('$-1\r\n');
  expect(await admin.callText('RPUSH', 'q', 'job')).toBe(':1\r\n');
  expect((await c.readReply()).toString('latin1')).toBe('*2\r\n$1\r\nq\r\n$3\r\njob\r\n');
  expect((await c.readReply()).toString('latin1')).toBe(':1\r\n');
  expect((await c.readReply()).toString('latin1')).toBe('+PONG\r\n');
  await c.close();
});

test('thousands of commands pipelined behind BLPOP all run, in order, once it is served', async () => {
  // Past 1,024 waiting commands the server stops reading the client; serving it must start reading again.
  const count = 5000;
  const c = await RawClient.connect(subject.port);
  c.send('BLPOP', 'q', '0');
  await waitBlocked(admin, 1);
  let batch = '';
  for (let i = 0; i < count; i++) batch += '*2\r\n$4\r\nINCR\r\n$1\r\nn\r\n';
  c.sendRaw(batch);
  c.send('GET', 'n');
  await sleep(50);
  expect(await admin.callText('GET', 'n')).toBe('$-1\r\n');
  expect(await admin.callText('RPUSH', 'q', 'job')).toBe(':1\r\n');
  expect((await c.readReply()).toString('latin1')).toBe('*2\r\n$1\r\nq\r\n$3\r\njob\r\n');
  for (let i = 1; i <= count; i++) expect((await c.readReply()).toString('latin1')).toBe(`:${i}\r\n`);
  expect((await c.readReply()).toString('latin1')).toBe(`$${String(count).length}\r\n${count}\r\n`);
  await c.close();
});

test('a client gone while blocked takes no element: the next waiter gets it', async () => {
  const gone = await RawClient.connect(subject.port);
  gone.send('BLPOP', 'q', '0');
  await waitBlocked(admin, 1);
  const stays = await RawClient.connect(subject.port);
  stays.send('BLPOP', 'q', '0');
  await waitBlocked(admin, 2);
  await gone.close();
  await waitBlocked(admin, 1);
  expect(await admin.callText('RPUSH', 'q', 'only')).toBe(':1\r\n');
  expect((await stays.readReply()).toString('latin1')).toBe('*2\r\n$1\r\nq\r\n$4\r\nonly\r\n');
  expect(await admin.callText('LLEN', 'q')).toBe(':0\r\n');
  await stays.close();
});

test('fifty waiters are served in the order they blocked, each element exactly once', async () => {
  const waiters: RawClient[] = [];
  for (let i = 0; i < 50; i++) {
    const w = await RawClient.connect(subject.port);
    w.send('BRPOP', 'jobs', '0');
    await waitBlocked(admin, i + 1);
    waiters.push(w);
  }
  const elements = Array.from({ length: 50 }, (_, i) => `e${i}`);
  // LPUSH + BRPOP is a queue: the first waiter gets e0.
  expect(await admin.callText('LPUSH', 'jobs', ...elements)).toBe(':50\r\n');
  for (let i = 0; i < 50; i++) {
    const r = (await waiters[i].readReply()).toString('latin1');
    expect(r).toBe(`*2\r\n$4\r\njobs\r\n$${elements[i].length}\r\n${elements[i]}\r\n`);
  }
  expect(await blockedCount(admin)).toBe(0);
  await Promise.all(waiters.map((w) => w.close()));
});

test('a timed-out waiter answers null and its connection keeps working', async () => {
  const c = await RawClient.connect(subject.port);
  expect(await c.callText('BLPOP', 'nothing', '0.1')).toBe('*-1\r\n');
  expect(await c.callText('PING')).toBe('+PONG\r\n');
  expect(await blockedCount(admin)).toBe(0);
  await c.close();
});

test('WATCH/MULTI/EXEC: concurrent increments with retries lose no update', async () => {
  const clients = await Promise.all(Array.from({ length: 5 }, () => RawClient.connect(subject.port)));
  let aborted = 0;
  await Promise.all(
    clients.map(async (c) => {
      for (let i = 0; i < 20; i++) {
        for (;;) {
          await c.callText('WATCH', 'counter');
          const current = (await c.callText('GET', 'counter')).split('\r\n')[1] ?? '';
          const next = String((Number(current) || 0) + 1);
          await c.callText('MULTI');
          await c.callText('SET', 'counter', next);
          const exec = await c.callText('EXEC');
          if (exec === '*1\r\n+OK\r\n') break;
          expect(exec).toBe('*-1\r\n');
          aborted++;
        }
      }
    }),
  );
  expect(await admin.callText('GET', 'counter')).toBe('$3\r\n100\r\n');
  // Five clients interleaving on one key must have collided at least once, or the test proves nothing.
  expect(aborted).toBeGreaterThan(0);
  await Promise.all(clients.map((c) => c.close()));
});
