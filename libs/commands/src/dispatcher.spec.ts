import { allCommands } from './all-commands';
import { defineCommand } from './command-spec';
import { TestServer } from './testing/test-server';
import { ConfigRegistry } from './server/config-registry';

const broken = defineCommand({
  name: 'broken',
  arity: 1,
  flags: [],
  group: 'server',
  summary: 'throws after writing half a reply',
  execute(client) {
    client.reply.array(2);
    throw new Error('boom\r\nline');
  },
});
const ping = defineCommand({
  name: 'ping',
  arity: 1,
  flags: ['fast'],
  group: 'connection',
  summary: 'pong',
  execute(client) {
    client.reply.simple('PONG');
  },
});

describe('dispatch', () => {
  it('turns a throwing command into an error reply and keeps serving', () => {
    const client = new TestServer([broken, ping]).connect();
    expect(client.run('BROKEN')).toBe("-ERR internal error in 'broken': boom  line\r\n");
    expect(client.run('PING')).toBe('+PONG\r\n');
  });

  it('reports unknown commands and arity before running anything', () => {
    const client = new TestServer([ping]).connect();
    expect(client.run('NOPE', 'a')).toBe("-ERR unknown command 'NOPE', with args beginning with: 'a' \r\n");
    expect(client.run('PING', 'x')).toBe("-ERR wrong number of arguments for 'ping' command\r\n");
  });
});

describe('while a load replaces the dataset (a replica in full sync)', () => {
  const LOADING = '-LOADING Redis is loading the dataset in memory\r\n';

  function loadingServer(): TestServer {
    const server = new TestServer(allCommands, new ConfigRegistry());
    server.connect().run('SET', 'k', 'v');
    server.loading = { loadStartedAtMs: Date.now() - 5_000, loadedBytes: 12_345 };
    return server;
  }

  it('answers -LOADING to commands without the loading flag, as Redis does (PING included)', () => {
    const client = loadingServer().connect();
    expect(client.run('GET', 'k')).toBe(LOADING);
    expect(client.run('SET', 'k', 'w')).toBe(LOADING);
    expect(client.run('PING')).toBe(LOADING);
    expect(client.run('SCAN', '0')).toBe(LOADING);
  });

  it('still runs commands flagged loading: SELECT, INFO, CLIENT, COMMAND, AUTH', () => {
    const client = loadingServer().connect();
    expect(client.run('SELECT', '1')).toBe('+OK\r\n');
    expect(client.run('CLIENT', 'SETNAME', 'loader')).toBe('+OK\r\n');
    expect(client.run('COMMAND', 'COUNT')).toMatch(/^:\d+\r\n$/);
    expect(client.run('AUTH', 'pw')).toMatch(/^-ERR AUTH <password> called without any password configured/);
  });

  it('reports the load in INFO persistence with Redis loading_* fields', () => {
    const info = loadingServer().connect().run('INFO', 'persistence');
    expect(info).toContain('\r\nloading:1\r\n');
    expect(info).toMatch(/\r\nloading_start_time:\d+\r\n/);
    expect(info).toContain('\r\nloading_loaded_bytes:12345\r\n');
    // Five seconds for 12,345 bytes with one byte left: Redis's formula gives 0.
    expect(info).toContain('\r\nloading_eta_seconds:0\r\n');
  });

  it('refuses a command queued in MULTI, so EXEC aborts; EXEC of a queue made before the load aborts too', () => {
    const server = loadingServer();
    const during = server.connect();
    expect(during.run('MULTI')).toBe('+OK\r\n');
    expect(during.run('GET', 'k')).toBe(LOADING);
    expect(during.run('EXEC')).toBe('-EXECABORT Transaction discarded because of previous errors.\r\n');
    const before = server.connect();
    server.loading = null;
    expect(before.run('MULTI')).toBe('+OK\r\n');
    expect(before.run('GET', 'k')).toBe('+QUEUED\r\n');
    server.loading = { loadStartedAtMs: Date.now(), loadedBytes: 0 };
    expect(before.run('EXEC')).toBe(
      '-EXECABORT Transaction discarded because of: LOADING Redis is loading the dataset in memory\r\n',
    );
    expect(before.run('GET', 'k')).toBe(LOADING);
  });

  it('checks authentication first, and lets the master link and a finished load through', () => {
    const server = loadingServer();
    server.password = 'pw';
    const stranger = server.connect();
    expect(stranger.run('GET', 'k')).toBe('-NOAUTH Authentication required.\r\n');
    const link = server.connect();
    link.isMasterLink = true;
    link.authenticated = true;
    expect(link.run('SET', 'k', 'from-master')).toBe('+OK\r\n');
    server.loading = null;
    expect(stranger.run('AUTH', 'pw')).toBe('+OK\r\n');
    expect(stranger.run('GET', 'k')).toBe('$11\r\nfrom-master\r\n');
    expect(stranger.run('INFO', 'persistence')).toContain('\r\nloading:0\r\n');
  });
});

describe('replication refusals (Redis 7.0 replies)', () => {
  const NOREPLICAS = '-NOREPLICAS Not enough good replicas to write.\r\n';
  const MASTERDOWN = "-MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.\r\n";

  it('a master short of good replicas refuses writes, queued ones too, and reads still work', () => {
    const server = new TestServer(allCommands, new ConfigRegistry());
    const queuedBefore = server.connect();
    expect(queuedBefore.run('MULTI')).toBe('+OK\r\n');
    expect(queuedBefore.run('INCR', 'n')).toBe('+QUEUED\r\n');
    server.tooFewReplicas = true;
    const client = server.connect();
    expect(client.run('SET', 'k', 'v')).toBe(NOREPLICAS);
    expect(client.run('GET', 'k')).toBe('$-1\r\n');
    expect(client.run('PUBLISH', 'c', 'm')).toBe(':0\r\n');
    expect(client.run('MULTI')).toBe('+OK\r\n');
    expect(client.run('SET', 'k', 'v')).toBe(NOREPLICAS);
    expect(client.run('EXEC')).toBe('-EXECABORT Transaction discarded because of previous errors.\r\n');
    expect(queuedBefore.run('EXEC')).toBe(
      '-EXECABORT Transaction discarded because of: NOREPLICAS Not enough good replicas to write.\r\n',
    );
    server.tooFewReplicas = false;
    expect(client.run('SET', 'k', 'v')).toBe('+OK\r\n');
  });

  it('a replica cut from its master with replica-serve-stale-data no answers MASTERDOWN, after READONLY', () => {
    const server = new TestServer(allCommands, new ConfigRegistry());
    server.readOnly = true;
    server.masterDown = true;
    const client = server.connect();
    expect(client.run('GET', 'k')).toBe(MASTERDOWN);
    expect(client.run('PING')).toBe(MASTERDOWN);
    expect(client.run('SET', 'k', 'v')).toBe("-READONLY You can't write against a read only replica.\r\n");
    expect(client.run('INFO', 'persistence')).toContain('loading:0');
    expect(client.run('SUBSCRIBE', 'c')).toBe('*3\r\n$9\r\nsubscribe\r\n$1\r\nc\r\n:1\r\n');
    const other = server.connect();
    expect(other.run('MULTI')).toBe('+OK\r\n');
    expect(other.run('GET', 'k')).toBe(MASTERDOWN);
    expect(other.run('EXEC')).toBe('-EXECABORT Transaction discarded because of previous errors.\r\n');
    const link = server.connect();
    link.isMasterLink = true;
    expect(link.run('SET', 'k', 'from-master')).toBe('+OK\r\n');
    server.masterDown = false;
    expect(other.run('GET', 'k')).toBe('$11\r\nfrom-master\r\n');
  });
});
