import { createConnection, createServer, type Server, type Socket } from 'net';
import { TcpProxy } from './tcp-proxy';

/** A target on a free loopback port: echoes what it gets (unless `echo` is off) and remembers it. */
interface Target {
  port: number;
  server: Server;
  sockets: Set<Socket>;
  received: () => number;
  echo: boolean;
  /** Sent when the peer half-closes, before closing too. */
  farewell: string;
  close: () => Promise<void>;
}

async function startTarget(): Promise<Target> {
  const sockets = new Set<Socket>();
  let received = 0;
  const server = createServer({ allowHalfOpen: true });
  const target: Target = {
    port: 0,
    server,
    sockets,
    received: () => received,
    echo: true,
    farewell: '',
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.on('data', (d: Buffer) => {
      received += d.length;
      if (target.echo) socket.write(d);
    });
    socket.on('end', () => socket.end(target.farewell));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  target.port = (server.address() as { port: number }).port;
  return target;
}

function connect(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Everything `socket` sends until it has `n` bytes. */
function read(socket: Socket, n: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let got = 0;
    const onData = (d: Buffer): void => {
      parts.push(d);
      got += d.length;
      if (got >= n) {
        socket.off('data', onData);
        resolve(Buffer.concat(parts));
      }
    };
    socket.on('data', onData);
    socket.once('close', () => reject(new Error(`closed after ${got} of ${n} bytes`)));
  });
}

function closed(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed) resolve();
    else socket.once('close', () => resolve());
  });
}

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function randomBytes(n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 7919 + (i >> 8)) & 0xff;
  return b;
}

describe('TcpProxy', () => {
  let target: Target;
  let proxy: TcpProxy;
  const clients: Socket[] = [];

  async function client(): Promise<Socket> {
    const socket = await connect(proxy.port);
    socket.on('error', () => undefined);
    clients.push(socket);
    return socket;
  }

  beforeEach(async () => {
    target = await startTarget();
    proxy = await TcpProxy.start('127.0.0.1', target.port);
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await proxy.close();
    await target.close();
  });

  it('listens on a port of its own and forwards both ways, counting connections and bytes', async () => {
    expect(proxy.port).toBeGreaterThan(0);
    expect(proxy.port).not.toBe(target.port);
    const c = await client();
    c.write('hello');
    expect((await read(c, 5)).toString()).toBe('hello');
    expect(proxy.connections).toBe(1);
    expect(proxy.bytesForwarded).toBe(10);
    await client();
    await until(() => proxy.connections === 2);
  });

  it('carries large binary payloads intact in both directions', async () => {
    const payload = randomBytes(5 * 1024 * 1024);
    const c = await client();
    const echoed = read(c, payload.length);
    c.write(payload);
    expect((await echoed).equals(payload)).toBe(true);
  });

  it('cut() drops every live connection at both ends but keeps accepting', async () => {
    const a = await client();
    const b = await client();
    await until(() => target.sockets.size === 2);
    proxy.cut();
    await Promise.all([closed(a), closed(b)]);
    await until(() => target.sockets.size === 0);
    expect(proxy.connections).toBe(0);
    const c = await client();
    c.write('again');
    expect((await read(c, 5)).toString()).toBe('again');
  });

  it('pause() holds traffic, resume() delivers it in order', async () => {
    const c = await client();
    c.write('a');
    await read(c, 1);
    proxy.pause();
    c.write('bcd');
    c.write('efg');
    await new Promise((r) => setTimeout(r, 100));
    expect(target.received()).toBe(1);
    const rest = read(c, 6);
    proxy.resume();
    expect((await rest).toString()).toBe('bcdefg');
  });

  it('a pause back-pressures a fast sender instead of buffering without end', async () => {
    const c = await client();
    c.write('x');
    await read(c, 1);
    proxy.pause();
    const big = randomBytes(32 * 1024 * 1024);
    const echoed = read(c, big.length);
    c.write(big);
    await new Promise((r) => setTimeout(r, 200));
    expect(target.received()).toBe(1);
    // The proxy holds at most ~1 MiB and stops reading: most of the payload is still waiting at the sender.
    expect(c.writableLength).toBeGreaterThan(16 * 1024 * 1024);
    proxy.resume();
    expect((await echoed).equals(big)).toBe(true);
  });

  it('setDelay() adds latency each way', async () => {
    proxy.setDelay(200);
    const c = await client();
    const start = Date.now();
    c.write('ping');
    await read(c, 4);
    expect(Date.now() - start).toBeGreaterThanOrEqual(390);
    proxy.setDelay(0);
    const again = Date.now();
    c.write('ping');
    await read(c, 4);
    expect(Date.now() - again).toBeLessThan(300);
  });

  it('setRateLimit() throttles each direction', async () => {
    proxy.setRateLimit(40_000);
    const c = await client();
    const payload = randomBytes(20_000);
    const start = Date.now();
    const echoed = read(c, payload.length);
    c.write(payload);
    expect((await echoed).equals(payload)).toBe(true);
    expect(Date.now() - start).toBeGreaterThanOrEqual(400);
    proxy.setRateLimit(0);
    const fast = Date.now();
    const again = read(c, payload.length);
    c.write(payload);
    await again;
    expect(Date.now() - fast).toBeLessThan(400);
  });

  it('refuse() closes new connections at once and leaves live ones alone', async () => {
    const live = await client();
    proxy.refuse(true);
    const refused = await client();
    await closed(refused);
    expect(proxy.connections).toBe(1);
    live.write('still');
    expect((await read(live, 5)).toString()).toBe('still');
    proxy.refuse(false);
    const c = await client();
    c.write('ok');
    expect((await read(c, 2)).toString()).toBe('ok');
  });

  it('closes the client when the target refuses the connection', async () => {
    await target.close();
    const c = await client();
    await closed(c);
    await until(() => proxy.connections === 0);
  });

  it('passes a half-close through and delivers delayed bytes before closing', async () => {
    target.echo = false;
    target.farewell = 'bye';
    proxy.setDelay(50);
    const c = await client();
    const reply = read(c, 3);
    c.end('done');
    expect((await reply).toString()).toBe('bye');
    await closed(c);
    await until(() => proxy.connections === 0);
    expect(target.received()).toBe(4);
  });

  it('delivers what the target sent just before closing', async () => {
    target.server.on('connection', (s) => s.end('last words'));
    proxy.setDelay(50);
    const c = await client();
    expect((await read(c, 10)).toString()).toBe('last words');
    await closed(c);
  });

  it('close() stops listening and drops live connections', async () => {
    const c = await client();
    await proxy.close();
    await closed(c);
    await expect(connect(proxy.port)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('rejects a negative delay or rate', () => {
    expect(() => proxy.setDelay(-1)).toThrow(RangeError);
    expect(() => proxy.setRateLimit(Number.NaN)).toThrow(RangeError);
  });
});
