/**
 * Signals that no command asks for: a key found expired by a command's lookup (lazy expiry) or by the active
 * cycle is reported once through keyspace.onKeyModified, as Redis's deleteExpiredKeyAndPropagate signals it.
 * A replica hides expired keys without deleting them, so it reports nothing.
 */
import { hashCommands } from '../hashes';
import { keyCommands } from '../keys';
import { listCommands } from '../lists';
import { stringCommands } from '../strings';
import { TestServer } from './test-server';

function setup(): { server: TestServer; signals: string[]; clock: { now: number } } {
  const clock = { now: 1_000_000 };
  const server = new TestServer(
    [...stringCommands, ...keyCommands, ...listCommands, ...hashCommands],
    undefined,
    {
      now: () => clock.now,
    },
  );
  const signals: string[] = [];
  const previous = server.keyspace.onKeyModified;
  server.keyspace.onKeyModified = (db, key) => {
    signals.push(`${db}/${key}`);
    previous?.(db, key);
  };
  return { server, signals, clock };
}

describe('expiry signals', () => {
  it.each([
    ['GET', ['GET', 'k'], '$-1\r\n'],
    ['EXISTS', ['EXISTS', 'k'], ':0\r\n'],
    ['LPUSH (recreates the key)', ['LPUSH', 'k', 'a'], ':1\r\n'],
    ['HSET (recreates the key)', ['HSET', 'k', 'f', 'v'], ':1\r\n'],
    ['INCR (recreates the key)', ['INCR', 'k'], ':1\r\n'],
    ['DEL', ['DEL', 'k'], ':0\r\n'],
  ])('a lookup by %s that finds the key expired signals it', (_name, argv, reply) => {
    const { server, signals, clock } = setup();
    const client = server.connect();
    client.run('RPUSH', 'k', 'x');
    client.run('PEXPIRE', 'k', '100');
    signals.length = 0;
    clock.now += 100;
    expect(client.run(...argv)).toBe(reply);
    // The expiry first; a command that then writes the key signals its own change after it.
    expect(signals[0]).toBe('0/k');
    expect(signals.length).toBe(reply === ':1\r\n' ? 2 : 1);
  });

  it('the active expiry cycle signals each key it removes', () => {
    const { server, signals, clock } = setup();
    const client = server.connect();
    client.run('SET', 'a', '1', 'PX', '10');
    client.run('SET', 'b', '1', 'PX', '10');
    client.run('SET', 'c', '1');
    signals.length = 0;
    clock.now += 10;
    expect(server.keyspace.activeExpireCycle(1000)).toBe(2);
    expect(signals.sort()).toEqual(['0/a', '0/b']);
  });

  it('a replica hides an expired key without deleting or signalling it', () => {
    const { server, signals, clock } = setup();
    const client = server.connect();
    client.run('SET', 'k', 'v', 'PX', '10');
    server.keyspace.expiryMode = 'replica';
    signals.length = 0;
    clock.now += 10;
    expect(client.run('GET', 'k')).toBe('$-1\r\n');
    expect(signals).toEqual([]);
  });

  it('a live key read by a command is not signalled', () => {
    const { server, signals } = setup();
    const client = server.connect();
    client.run('SET', 'k', 'v', 'EX', '100');
    signals.length = 0;
    expect(client.run('GET', 'k')).toBe('$1\r\nv\r\n');
    expect(client.run('TTL', 'k')).toBe(':100\r\n');
    expect(signals).toEqual([]);
  });
});
