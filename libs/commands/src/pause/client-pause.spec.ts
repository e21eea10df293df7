import { allCommands } from '../all-commands';
import { ConfigRegistry } from '../server/config-registry';
import { TestServer, type TestClient } from '../testing/test-server';

/** A server on a clock the test moves. */
function setup(): { server: TestServer; clock: { now: number }; connect: () => TestClient } {
  const clock = { now: 1_000_000 };
  const server = new TestServer(allCommands, new ConfigRegistry(), { now: () => clock.now });
  return { server, clock, connect: () => server.connect() };
}

/** Lets a released client's held command run (the test transport runs it after the current task). */
const released = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('CLIENT PAUSE', () => {
  it('ends once the clock passes its end: held commands run then, and expired keys go only after it', async () => {
    const { server, clock, connect } = setup();
    const [pauser, writer, reader] = [connect(), connect(), connect()];
    reader.run('SET', 'e', 'v', 'PX', '10');
    expect(pauser.run('CLIENT', 'PAUSE', '100', 'WRITE')).toBe('+OK\r\n');
    expect(writer.run('SET', 'k', 'v')).toBe('');
    expect(server.pause.waiting).toBe(1);
    clock.now += 50;
    expect(reader.run('GET', 'e')).toBe('$-1\r\n');
    expect(reader.run('DBSIZE')).toBe(':1\r\n');
    // Redis ends a pause once the clock is past its end, not at it.
    clock.now += 50;
    server.pause.expireIfDue();
    expect(server.pause.mode).toBe('write');
    clock.now += 1;
    server.pause.expireIfDue();
    expect(server.pause.mode).toBe('off');
    await released();
    expect(writer.reply.take()?.toString('latin1')).toBe('+OK\r\n');
    expect(reader.run('GET', 'e')).toBe('$-1\r\n');
    expect(reader.run('DBSIZE')).toBe(':1\r\n');
    expect(reader.run('INFO', 'stats')).toContain('\r\nexpired_keys:1\r\n');
  });

  it('forgets a held client that disconnects: its command never runs', async () => {
    const { server, connect } = setup();
    const [pauser, writer] = [connect(), connect()];
    pauser.run('CLIENT', 'PAUSE', '100000', 'WRITE');
    expect(writer.run('SET', 'k', 'v')).toBe('');
    writer.disconnect();
    expect(server.pause.waiting).toBe(0);
    expect(server.blocking.size).toBe(0);
    expect(pauser.run('CLIENT', 'UNPAUSE')).toBe('+OK\r\n');
    await released();
    expect(pauser.run('EXISTS', 'k')).toBe(':0\r\n');
  });

  it('never holds the master link, and tells watchers when a pause starts and ends (once each)', () => {
    const { server, connect } = setup();
    const [pauser, link] = [connect(), connect()];
    link.isMasterLink = true;
    const heard: boolean[] = [];
    server.pause.watch((paused) => heard.push(paused));
    pauser.run('CLIENT', 'PAUSE', '100000', 'ALL');
    expect(link.run('SET', 'k', 'v')).toBe('+OK\r\n');
    expect(pauser.run('PING')).toBe('');
    server.pause.pause('client', 0, 'write');
    server.pause.unpause('client');
    expect(heard).toEqual([true, false]);
  });

  it('keeps each purpose apart: CLIENT UNPAUSE leaves a shutdown’s pause, the stricter of two wins', async () => {
    const { server, clock, connect } = setup();
    const [pauser, writer, reader] = [connect(), connect(), connect()];
    server.pause.pause('shutdown', Infinity, 'write');
    expect(pauser.run('CLIENT', 'PAUSE', '100', 'ALL')).toBe('+OK\r\n');
    expect(server.pause.mode).toBe('all');
    expect(reader.run('GET', 'k')).toBe('');
    clock.now += 101;
    server.pause.expireIfDue();
    // The client pause is over: the read goes on, the shutdown still holds writes.
    expect(server.pause.mode).toBe('write');
    await released();
    expect(reader.reply.take()?.toString('latin1')).toBe('$-1\r\n');
    expect(writer.run('SET', 'k', 'v')).toBe('');
    expect(pauser.run('CLIENT', 'UNPAUSE')).toBe('+OK\r\n');
    expect(server.pause.mode).toBe('write');
    await released();
    expect(writer.reply.length).toBe(0);
    server.pause.unpause('shutdown');
    await released();
    expect(writer.reply.take()?.toString('latin1')).toBe('+OK\r\n');
  });
});
