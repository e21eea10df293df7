import { allCommands } from '../all-commands';
import { ConfigRegistry } from '../server/config-registry';
import { TestServer, type TestClient } from '../testing/test-server';

function infoField(client: TestClient, name: string): string {
  const match = new RegExp(`\\r\\n${name}:(\\d+)\\r\\n`).exec(client.run('INFO', 'everything'));
  if (match === null) throw new Error(`INFO has no ${name}`);
  return match[1];
}

function setup(): { server: TestServer; tracker: TestClient; writer: TestClient } {
  const server = new TestServer(allCommands, new ConfigRegistry());
  const tracker = server.connect();
  const writer = server.connect();
  tracker.run('HELLO', '3');
  return { server, tracker, writer };
}

const invalidation = (key: string): string => `>2\r\n$10\r\ninvalidate\r\n*1\r\n$${key.length}\r\n${key}\r\n`;

describe('client tracking', () => {
  it('counts clients, keys, items and prefixes in INFO; ids of clients that stopped stay until their key changes', () => {
    const { server, tracker, writer } = setup();
    tracker.run('CLIENT', 'TRACKING', 'on');
    tracker.run('MGET', 'a', 'b', 'c');
    const bcast = server.connect();
    bcast.run('CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'p:', 'PREFIX', 'q:');
    expect(infoField(writer, 'tracking_clients')).toBe('2');
    expect(infoField(writer, 'tracking_total_keys')).toBe('3');
    expect(infoField(writer, 'tracking_total_items')).toBe('3');
    expect(infoField(writer, 'tracking_total_prefixes')).toBe('2');
    tracker.run('CLIENT', 'TRACKING', 'off');
    expect(infoField(writer, 'tracking_clients')).toBe('1');
    expect(infoField(writer, 'tracking_total_items')).toBe('3');
    writer.run('SET', 'a', '1');
    expect(infoField(writer, 'tracking_total_keys')).toBe('2');
    expect(tracker.run('PING')).toBe('+PONG\r\n');
    bcast.release();
    expect(infoField(writer, 'tracking_clients')).toBe('0');
    expect(infoField(writer, 'tracking_total_prefixes')).toBe('0');
  });

  it('sends one null per tracking client for FLUSHALL, not one per database, and empties the table', () => {
    const { tracker, writer } = setup();
    tracker.run('CLIENT', 'TRACKING', 'on');
    tracker.run('GET', 'k');
    writer.run('FLUSHALL');
    expect(tracker.run('PING')).toBe('>2\r\n$10\r\ninvalidate\r\n_\r\n+PONG\r\n');
    expect(infoField(writer, 'tracking_total_keys')).toBe('0');
    writer.run('SELECT', '3');
    writer.run('FLUSHDB');
    expect(tracker.run('PING')).toBe('>2\r\n$10\r\ninvalidate\r\n_\r\n+PONG\r\n');
  });

  it('keeps the table within tracking-table-max-keys by invalidating keys', () => {
    const { tracker, writer } = setup();
    tracker.run('CLIENT', 'TRACKING', 'on');
    for (const key of ['k1', 'k2', 'k3', 'k4', 'k5']) tracker.run('GET', key);
    writer.run('CONFIG', 'SET', 'tracking-table-max-keys', '2');
    writer.run('PING');
    expect(infoField(writer, 'tracking_total_keys')).toBe('2');
    expect(tracker.run('PING')).toBe(
      invalidation('k1') + invalidation('k2') + invalidation('k3') + '+PONG\r\n',
    );
    writer.run('CONFIG', 'SET', 'tracking-table-max-keys', '0');
    for (let i = 0; i < 50; i++) tracker.run('GET', `more${i}`);
    writer.run('PING');
    expect(infoField(writer, 'tracking_total_keys')).toBe('52');
  });

  it('shows t, R and B in CLIENT LIST with the redirect id', () => {
    const { server, tracker, writer } = setup();
    const target = server.connect();
    tracker.run('CLIENT', 'TRACKING', 'on', 'REDIRECT', String(target.id));
    const line = (): string => writer.run('CLIENT', 'LIST', 'ID', String(tracker.id));
    expect(line()).toMatch(/ flags=t .* redir=\d+ resp=3/);
    tracker.run('GET', 'k');
    target.disconnect();
    writer.run('SET', 'k', '1');
    expect(line()).toMatch(/ flags=tR /);
    expect(tracker.run('PING')).toBe(`>2\r\n$21\r\ntracking-redir-broken\r\n:${target.id}\r\n+PONG\r\n`);
    tracker.run('CLIENT', 'TRACKING', 'off');
    tracker.run('CLIENT', 'TRACKING', 'on', 'BCAST');
    expect(line()).toMatch(/ flags=tB .* redir=0 resp=3/);
    tracker.run('RESET');
    expect(line()).toMatch(/ flags=N .* redir=-1 resp=2/);
  });

  it('takes thousands of BCAST prefixes, lists them in byte order and still names the first overlapping pair', () => {
    const { tracker } = setup();
    const prefixes = Array.from({ length: 3000 }, (_, i) => `p${String(2999 - i).padStart(4, '0')}:`);
    const args = prefixes.flatMap((p) => ['PREFIX', p]);
    expect(tracker.run('CLIENT', 'TRACKING', 'on', 'BCAST', ...args)).toBe('+OK\r\n');
    const info = tracker.run('CLIENT', 'TRACKINGINFO');
    expect(info.indexOf('p0000:')).toBeLessThan(info.indexOf('p2999:'));
    expect(
      tracker.run('CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'q', 'PREFIX', 'r', 'PREFIX', 'qq'),
    ).toBe(
      "-ERR Prefix 'q' overlaps with another provided prefix 'qq'. Prefixes for a single client must not overlap.\r\n",
    );
    expect(tracker.run('CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'z', 'PREFIX', 'p1')).toBe(
      "-ERR Prefix 'p1' overlaps with an existing prefix 'p1000:'. Prefixes for a single client must not overlap.\r\n",
    );
  });

  it('tells a NOLOOP BCAST client of a key its own command expired', () => {
    const { tracker } = setup();
    tracker.run('CLIENT', 'TRACKING', 'on', 'BCAST', 'NOLOOP');
    tracker.run('DEBUG', 'SET-ACTIVE-EXPIRE', '0');
    tracker.run('SET', 'gone', 'v', 'PX', '1');
    const until = Date.now() + 5;
    while (Date.now() < until);
    expect(tracker.run('GET', 'gone')).toBe('_\r\n>2\r\n$10\r\ninvalidate\r\n*1\r\n$4\r\ngone\r\n');
  });
});
