import { allCommands, ConfigRegistry } from '@drake/commands';
import { Journal } from '@drake/journal';
import { TestServer, type TestClient } from '../../../commands/src/testing/test-server';
import { RedisReplicaFeed } from './redis-replica-feed';

/** A master with a journal, one writing client, and a feed to a replica connection; the stream read back as text. */
function setup(): { writer: TestClient; feed: RedisReplicaFeed; replica: TestClient; server: TestServer } {
  const server = new TestServer(allCommands, new ConfigRegistry(), { shardCount: 4 });
  server.journal = new Journal({ shardCount: 4, maxBytes: 1 << 20 });
  const writer = server.connect();
  const replica = server.connect();
  const feed = new RedisReplicaFeed(replica, server.journal, server.keyspace, () => undefined);
  return { writer, feed, replica, server };
}

/** Runs the RDB build to its end (it steps on setImmediate). */
const rdbSent = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

const cmd = (...argv: string[]): string =>
  `*${argv.length}\r\n${argv.map((a) => `$${a.length}\r\n${a}\r\n`).join('')}`;

describe('RedisReplicaFeed', () => {
  it('sends the RDB as a bulk without CRLF, then what was written meanwhile, then the live stream', async () => {
    const { writer, feed, replica } = setup();
    writer.run('SET', 'during', 'rdb');
    await rdbSent();
    writer.run('SELECT', '2');
    writer.run('SET', 'after', 'x', 'EX', '100');
    const out = replica.reply.take()?.toString('latin1') ?? '';
    const header = /^\$(\d+)\r\n/.exec(out);
    expect(header).not.toBeNull();
    const rdbEnd = (header as RegExpExecArray)[0].length + Number((header as RegExpExecArray)[1]);
    expect(out.slice((header as RegExpExecArray)[0].length, (header as RegExpExecArray)[0].length + 9)).toBe(
      'REDIS0010',
    );
    const stream = out.slice(rdbEnd);
    expect(stream.startsWith(cmd('SELECT', '0') + cmd('SET', 'during', 'rdb') + cmd('SELECT', '2'))).toBe(
      true,
    );
    expect(stream).toMatch(
      /\*5\r\n\$3\r\nSET\r\n\$5\r\nafter\r\n\$1\r\nx\r\n\$4\r\nPXAT\r\n\$13\r\n\d{13}\r\n$/,
    );
    expect(feed.streamed).toBe(stream.length);
    feed.close();
  });

  it('wraps a transaction of several effects in MULTI/EXEC, sends a lone one bare, and a barrier once', async () => {
    const { writer, feed, replica } = setup();
    await rdbSent();
    replica.reply.take();
    for (const argv of [['MULTI'], ['SET', 'a', '1'], ['EXEC']]) writer.run(...argv);
    for (const argv of [['MULTI'], ['SET', 'b', '1'], ['INCR', 'b'], ['exec']]) writer.run(...argv);
    writer.run('MSET', 'k1', 'v1', 'k2', 'v2', 'k3', 'v3');
    expect(replica.reply.take()?.toString('latin1')).toBe(
      cmd('SELECT', '0') +
        cmd('SET', 'a', '1') +
        cmd('MULTI') +
        cmd('SET', 'b', '1') +
        cmd('INCR', 'b') +
        cmd('EXEC') +
        cmd('MSET', 'k1', 'v1', 'k2', 'v2', 'k3', 'v3'),
    );
    feed.close();
  });

  it('stops at close: no more records, and its journal subscriptions are gone', async () => {
    const { writer, feed, replica, server } = setup();
    await rdbSent();
    feed.close();
    replica.reply.take();
    writer.run('SET', 'x', '1');
    expect(replica.reply.take()).toBeNull();
    expect(server.journal?.shards.every((s) => s.subscriberCount === 0)).toBe(true);
  });
});

describe('RedisReplicaFeed output limit', () => {
  it('drops a replica whose stream outgrows the replica class while its RDB is still being built', () => {
    const server = new TestServer(allCommands, new ConfigRegistry(), { shardCount: 2 });
    server.journal = new Journal({ shardCount: 2, maxBytes: 1 << 20 });
    const writer = server.connect();
    const replica = server.connect();
    let done = 0;
    const feed = new RedisReplicaFeed(
      replica,
      server.journal,
      server.keyspace,
      () => done++,
      () => 1000,
    );
    for (let i = 0; i < 20; i++) writer.run('SET', `k${i}`, 'v'.repeat(100));
    expect(done).toBe(1);
    expect(replica.closed).toBe(true);
    expect(server.journal.shards.every((s) => s.subscriberCount === 0)).toBe(true);
    feed.close();
    expect(done).toBe(1);
  });
});
