import { createServer, connect, type Server, type Socket } from 'net';
import { once } from 'events';
import { HandleWriter } from './handle-writer';

/** A connected pair on loopback: `local` is the socket the writer writes to, `peer` reads what it sends. */
async function socketPair(): Promise<{ server: Server; local: Socket; peer: Socket }> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  const accepted = once(server, 'connection') as Promise<[Socket]>;
  const local = connect(port, '127.0.0.1');
  await once(local, 'connect');
  const [peer] = await accepted;
  return { server, local, peer };
}

function collect(peer: Socket): { bytes: () => Buffer } {
  const parts: Buffer[] = [];
  peer.on('data', (d: Buffer) => parts.push(d));
  return { bytes: () => Buffer.concat(parts) };
}

async function waitFor(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 5));
}

/** The peer ends up with exactly `sent`, in order. */
async function expectReceived(got: { bytes: () => Buffer }, sent: Buffer[]): Promise<void> {
  const expected = Buffer.concat(sent);
  await waitFor(() => got.bytes().length >= expected.length);
  expect(got.bytes().equals(expected)).toBe(true);
}

/** Bytes 0..n-1 numbered from `start`, so a reordering or a lost chunk shows in the comparison. */
function pattern(start: number, n: number): Buffer {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = (start + i) & 0xff;
  return b;
}

describe('HandleWriter', () => {
  let pair: { server: Server; local: Socket; peer: Socket };

  beforeEach(async () => {
    pair = await socketPair();
  });

  afterEach(() => {
    pair.local.destroy();
    pair.peer.destroy();
    pair.server.close();
  });

  it('delivers small writes in order, each taken at once', async () => {
    const got = collect(pair.peer);
    const writer = new HandleWriter(pair.local, () => undefined);
    const sent: Buffer[] = [];
    for (let i = 0; i < 200; i++) {
      const chunk = pattern(i, 1 + (i % 37));
      sent.push(Buffer.from(chunk));
      expect(writer.write(chunk)).toBe(true);
      // The kernel took it: the caller may overwrite the buffer at once.
      chunk.fill(0);
      expect(writer.queuedBytes).toBe(0);
    }
    await expectReceived(got, sent);
  });

  it('holds a write the kernel cannot take until the peer reads, then reports it sent', async () => {
    pair.peer.pause();
    let sentCalls = 0;
    const writer = new HandleWriter(pair.local, () => sentCalls++);
    const sent: Buffer[] = [];
    let offset = 0;
    let taken = true;
    while (taken) {
      const chunk = pattern(offset, 1 << 20);
      offset += chunk.length;
      sent.push(chunk);
      taken = writer.write(chunk);
    }
    // Queued in libuv by the direct write, not in the Writable stream.
    expect(writer.queuedBytes).toBeGreaterThan(0);
    expect(pair.local.writableLength).toBe(0);
    expect(sentCalls).toBe(0);
    const got = collect(pair.peer);
    pair.peer.resume();
    await waitFor(() => sentCalls === 1);
    expect(writer.queuedBytes).toBe(0);
    await expectReceived(got, sent);
  });

  it('queues writes made while one is pending in order, and reports them sent once all are', async () => {
    pair.peer.pause();
    let sentCalls = 0;
    let queuedAtSent = -1;
    const writer = new HandleWriter(pair.local, () => {
      sentCalls++;
      queuedAtSent = writer.queuedBytes;
    });
    const sent: Buffer[] = [];
    let offset = 0;
    const next = (): Buffer => {
      const chunk = pattern(offset, 1 << 20);
      offset += chunk.length;
      sent.push(chunk);
      return chunk;
    };
    while (writer.write(next()));
    // Written anyway while the first is pending (as a connection's final flush does).
    expect(writer.write(next())).toBe(false);
    expect(writer.write(next())).toBe(false);
    const got = collect(pair.peer);
    pair.peer.resume();
    await expectReceived(got, sent);
    await waitFor(() => sentCalls > 0);
    expect(sentCalls).toBe(1);
    expect(queuedAtSent).toBe(0);
  });

  it('keeps order behind bytes the stream itself still holds', async () => {
    pair.peer.pause();
    const writer = new HandleWriter(pair.local, () => undefined);
    // Fill the kernel through the stream so it buffers the next write itself.
    const first = pattern(0, 8 << 20);
    pair.local.write(first);
    pair.local.write(pattern(7, 1000));
    expect(pair.local.writableLength).toBeGreaterThan(0);
    const last = pattern(9, 5000);
    writer.write(last);
    const got = collect(pair.peer);
    pair.peer.resume();
    await expectReceived(got, [first, pattern(7, 1000), last]);
  });

  it('closes the socket when the peer is gone, without throwing or reporting a send', async () => {
    let sentCalls = 0;
    const writer = new HandleWriter(pair.local, () => sentCalls++);
    pair.peer.resetAndDestroy();
    const closed = once(pair.local, 'close');
    pair.local.on('error', () => undefined);
    // The first writes may still be accepted before the reset arrives.
    for (let i = 0; i < 100 && !pair.local.destroyed; i++) {
      writer.write(pattern(i, 1000));
      await new Promise((r) => setTimeout(r, 2));
    }
    await closed;
    expect(pair.local.destroyed).toBe(true);
    expect(sentCalls).toBe(0);
  });

  it('a write after the socket was destroyed sends nothing and does not throw', async () => {
    const got = collect(pair.peer);
    const writer = new HandleWriter(pair.local, () => undefined);
    pair.local.destroy();
    expect(() => writer.write(pattern(0, 100))).not.toThrow();
    await once(pair.local, 'close');
    expect(() => writer.write(pattern(0, 100))).not.toThrow();
    await once(pair.peer, 'close');
    expect(got.bytes().length).toBe(0);
  });

  it('a socket destroyed with a write pending does not report it sent', async () => {
    pair.peer.pause();
    let sentCalls = 0;
    const writer = new HandleWriter(pair.local, () => sentCalls++);
    while (writer.write(pattern(0, 1 << 20)));
    const closed = once(pair.local, 'close');
    pair.local.destroy();
    await closed;
    await new Promise((r) => setTimeout(r, 20));
    expect(sentCalls).toBe(0);
  });
});
