import { allCommands } from '@drake/commands';
import { clockedCommand } from '@drake/journal';
import { TestServer } from '../../../commands/src/testing/test-server';
import { applyMasterCommand } from './apply-master-command';

const NOW = 1_700_000_000_000;

function replica(clock: { t: number }): {
  server: TestServer;
  run: (db: number, ...argv: string[]) => string | null;
} {
  const server = new TestServer(allCommands, undefined, { now: () => clock.t });
  server.keyspace.expiryMode = 'replica';
  const link = server.connect();
  link.isMasterLink = true;
  const run = (db: number, ...argv: string[]): string | null => applyMasterCommand(link, db, argv);
  return { server, run };
}

describe('applyMasterCommand', () => {
  test("a key past its TTL on the replica's clock is still live for the master's commands", () => {
    const clock = { t: NOW };
    const { server, run } = replica(clock);
    const reader = server.connect();
    expect(run(0, 'SET', 'k', 'v', 'PXAT', String(NOW + 10))).toBeNull();
    clock.t = NOW + 10;
    // Hidden from clients, still held (a replica never expires on its own)…
    expect(reader.run('GET', 'k')).toBe('$-1\r\n');
    expect(server.keyspace.db(0).holds('k')).toBe(true);
    // …but the master's SET KEEPTTL (written while it was live there) keeps the TTL it had.
    expect(run(0, 'SET', 'k', 'w', 'KEEPTTL')).toBeNull();
    expect(server.keyspace.db(0).getExpire('k')).toBe(NOW + 10);
    // The master's DEL of its expired key removes it, so a later SET KEEPTTL starts without a TTL.
    expect(run(0, 'DEL', 'k')).toBeNull();
    expect(server.keyspace.db(0).holds('k')).toBe(false);
    expect(run(0, 'SET', 'k', 'a', 'KEEPTTL')).toBeNull();
    expect(reader.run('PTTL', 'k')).toBe(':-1\r\n');
    expect(server.keyspace.applyingMasterStream).toBe(false);
  });

  test('runs in the database it is given; a reply that is not an error is dropped', () => {
    const { server, run } = replica({ t: NOW });
    const link = server.connect();
    expect(run(2, 'RPUSH', 'l', 'a', 'b')).toBeNull();
    expect(run(2, 'LPOP', 'l')).toBeNull();
    expect(server.keyspace.db(2).has('l')).toBe(true);
    expect(server.keyspace.db(0).has('l')).toBe(false);
    expect(run(0, 'LPOP', 'l')).toBeNull();
    link.run('SELECT', '2');
    expect(link.run('LRANGE', 'l', '0', '-1')).toBe('*1\r\n$1\r\nb\r\n');
  });

  test('a refused command comes back as its error, and the flag is reset', () => {
    const { server, run } = replica({ t: NOW });
    run(0, 'SET', 's', 'x');
    expect(run(0, 'LPUSH', 's', 'a')).toMatch(
      /^-WRONGTYPE Operation against a key holding the wrong kind of value$/,
    );
    // Nothing of the error is left in the link's writer for the next command.
    expect(run(0, 'SET', 't', 'y')).toBeNull();
    expect(server.keyspace.applyingMasterStream).toBe(false);
  });

  test("a clocked command runs with the clock reading the master's time, then the replica's again", () => {
    const clock = { t: NOW };
    const { server, run } = replica(clock);
    const reader = server.connect();
    run(0, 'XADD', 'x', '1-1', 'f', 'v');
    run(0, 'XGROUP', 'CREATE', 'x', 'g', '0');
    const masterAt = NOW + 7_000;
    expect(run(0, ...clockedCommand(masterAt, ['XGROUP', 'CREATECONSUMER', 'x', 'g', 'alice']))).toBeNull();
    // TIME in the future of the replica's clock is kept: it is the master's past.
    const claim = [
      'XCLAIM',
      'x',
      'g',
      'bob',
      '0',
      '1-1',
      'TIME',
      String(masterAt),
      'RETRYCOUNT',
      '3',
      'FORCE',
      'JUSTID',
    ];
    expect(run(0, ...clockedCommand(masterAt, claim))).toBeNull();
    expect(server.keyspace.now()).toBe(NOW);
    const full = reader.run('XINFO', 'STREAM', 'x', 'FULL');
    expect(full).toContain(`$5\r\nalice\r\n$9\r\nseen-time\r\n:${masterAt}\r\n`);
    expect(full).toContain(`$3\r\nbob\r\n$9\r\nseen-time\r\n:${masterAt}\r\n`);
    expect(full).toContain(`$3\r\n1-1\r\n:${masterAt}\r\n:3\r\n`);
  });

  test('a malformed clocked command is refused and leaves the clock alone', () => {
    const clock = { t: NOW };
    const { server, run } = replica(clock);
    expect(run(0, 'DRAKE.CLOCKED', 'soon', 'SET', 'k', 'v')).toMatch(/^-ERR DRAKE.CLOCKED time/);
    expect(run(0, 'DRAKE.CLOCKED', '5')).toMatch(/^-ERR DRAKE.CLOCKED needs/);
    expect(server.keyspace.db(0).has('k')).toBe(false);
    expect(server.keyspace.now()).toBe(NOW);
  });
});
