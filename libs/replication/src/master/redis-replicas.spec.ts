import { randomBytes } from 'crypto';
import { allCommands, ConfigRegistry } from '@drake/commands';
import { Journal } from '@drake/journal';
import { RdbLoader } from '@drake/rdb';
import { TestServer, type TestClient } from '../../../commands/src/testing/test-server';
import { RedisReplicas } from './redis-replicas';

const REPLID = 'a'.repeat(40);
const AT = { ip: '127.0.0.1', port: 7000 };
/** A full resync asked with SYNC, by a replica without `capa eof`: the RDB goes out with its length. */
const FULL = { psync: false, eof: false };
const psync = (
  replid: string,
  offset: number,
  psync2 = true,
): { replid: string; offset: number; psync2: boolean } => ({
  replid,
  offset,
  psync2,
});

/** A master with a journal, one writing client and the Redis replicas manager; streams read back as text. */
function setup(outputLimit = Infinity): {
  server: TestServer;
  writer: TestClient;
  replicas: RedisReplicas;
  /** The node's replication id, as a promotion changes it. */
  history: { replid: string };
} {
  const server = new TestServer(allCommands, new ConfigRegistry(), { shardCount: 4 });
  const journal = new Journal({ shardCount: 4, maxBytes: 1 << 20 });
  server.journal = journal;
  const history = { replid: REPLID };
  const replicas = new RedisReplicas(server, {
    journal: () => journal,
    replid: () => history.replid,
    outputLimit: () => outputLimit,
    onChange: () => undefined,
  });
  return { server, writer: server.connect(), replicas, history };
}

/**
 * Runs the RDB builds to their end: until every replica follows the stream (or 10 s pass). A length-form RDB is
 * spooled to disk and read back, which takes many turns on a busy machine.
 */
async function rdbSent(replicas: RedisReplicas): Promise<void> {
  for (let waited = 0; waited < 10_000 && ![...replicas.all].every((feed) => feed.online); waited += 5) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const cmd = (...argv: string[]): string =>
  `*${argv.length}\r\n${argv.map((a) => `$${a.length}\r\n${a}\r\n`).join('')}`;

const text = (c: TestClient): string => c.reply.take()?.toString('latin1') ?? '';

/** The stream after the `$<len>` RDB bulk of a full resync. */
function afterRdb(out: string): string {
  const header = /^\$(\d+)\r\n/.exec(out);
  if (header === null) throw new Error(`no RDB bulk in ${JSON.stringify(out.slice(0, 40))}`);
  expect(out.slice(header[0].length, header[0].length + 9)).toBe('REDIS0010');
  return out.slice(header[0].length + Number(header[1]));
}

describe('RedisReplicas: full resync', () => {
  it('sends the RDB as a bulk without CRLF, then what was written meanwhile, then the live stream', async () => {
    const { writer, replicas, server } = setup();
    const replica = server.connect();
    const { replid, offset } = replicas.attachFull(replica, AT, FULL);
    expect(replid).toBe(REPLID);
    expect(offset).toBe(0);
    writer.run('SET', 'during', 'rdb');
    await rdbSent(replicas);
    writer.run('SELECT', '2');
    writer.run('SET', 'after', 'x', 'EX', '100');
    const stream = afterRdb(text(replica));
    expect(stream.startsWith(cmd('SELECT', '0') + cmd('SET', 'during', 'rdb') + cmd('SELECT', '2'))).toBe(
      true,
    );
    expect(stream).toMatch(
      /\*5\r\n\$3\r\nSET\r\n\$5\r\nafter\r\n\$1\r\nx\r\n\$4\r\nPXAT\r\n\$13\r\n\d{13}\r\n$/,
    );
    // The offset counts every byte of the stream.
    expect(replicas.offset).toBe(stream.length);
    expect(server.stats.fullSyncs).toBe(1);
  });

  it('wraps a transaction of several effects in MULTI/EXEC, sends a lone one bare, and a barrier once', async () => {
    const { writer, replicas, server } = setup();
    const replica = server.connect();
    replicas.attachFull(replica, AT, FULL);
    await rdbSent(replicas);
    replica.reply.take();
    for (const argv of [['MULTI'], ['SET', 'a', '1'], ['EXEC']]) writer.run(...argv);
    for (const argv of [['MULTI'], ['SET', 'b', '1'], ['INCR', 'b'], ['exec']]) writer.run(...argv);
    writer.run('MSET', 'k1', 'v1', 'k2', 'v2', 'k3', 'v3');
    expect(text(replica)).toBe(
      cmd('SELECT', '0') +
        cmd('SET', 'a', '1') +
        cmd('MULTI') +
        cmd('SET', 'b', '1') +
        cmd('INCR', 'b') +
        cmd('EXEC') +
        cmd('MSET', 'k1', 'v1', 'k2', 'v2', 'k3', 'v3'),
    );
  });

  it('sends a clocked command (a consumer group read or claim) bare: Redis runs it with its own clock', async () => {
    const { writer, replicas, server } = setup();
    const replica = server.connect();
    replicas.attachFull(replica, AT, FULL);
    await rdbSent(replicas);
    replica.reply.take();
    writer.run('XGROUP', 'CREATE', 'x', 'g', '$', 'MKSTREAM');
    writer.run('XGROUP', 'CREATECONSUMER', 'x', 'g', 'alice');
    expect(text(replica)).toBe(
      cmd('SELECT', '0') +
        cmd('XGROUP', 'CREATE', 'x', 'g', '$', 'MKSTREAM') +
        cmd('XGROUP', 'CREATECONSUMER', 'x', 'g', 'alice'),
    );
  });

  it('starts a second replica at the offset then, with a SELECT first, and the stream is one for both', async () => {
    const { writer, replicas, server } = setup();
    const first = server.connect();
    replicas.attachFull(first, AT, FULL);
    await rdbSent(replicas);
    writer.run('SET', 'a', '1');
    first.reply.take();
    const second = server.connect();
    const { offset } = replicas.attachFull(second, AT, FULL);
    expect(offset).toBe(cmd('SELECT', '0').length + cmd('SET', 'a', '1').length);
    await rdbSent(replicas);
    writer.run('SET', 'b', '2');
    const expected = cmd('SELECT', '0') + cmd('SET', 'b', '2');
    expect(text(first)).toBe(expected);
    expect(afterRdb(text(second))).toBe(expected);
  });

  it('drops a replica whose stream outgrows the replica class while its RDB is still being built', () => {
    const { writer, replicas, server } = setup(1000);
    const replica = server.connect();
    replicas.attachFull(replica, AT, FULL);
    for (let i = 0; i < 20; i++) writer.run('SET', `k${i}`, 'v'.repeat(100));
    expect(replica.closed).toBe(true);
    expect(replicas.all.size).toBe(0);
  });
});

/** Every key of an RDB file, as `db:key=value`. */
function rdbKeys(file: Buffer): string[] {
  const keys: string[] = [];
  const loader = new RdbLoader({ onKey: (db, key, value) => keys.push(`${db}:${key}=${String(value)}`) });
  loader.push(file);
  loader.end();
  return keys.sort();
}

/** What a replica has been sent, read until it ends with `mark` (or 10 s pass). */
async function untilEndsWith(replica: TestClient, sofar: Buffer, mark: string): Promise<Buffer> {
  const parts = [sofar];
  let total = sofar;
  for (let waited = 0; waited < 10_000 && !total.toString('latin1').endsWith(mark); waited += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    const more = replica.reply.take();
    if (more !== null) parts.push(more);
    total = Buffer.concat(parts);
  }
  return total;
}

describe('RedisReplicas: full resync, the RDB paced by what the replica takes', () => {
  it('answers PSYNC with +FULLRESYNC, the RDB between EOF marks as it is encoded, and the stream after an ACK', async () => {
    const { writer, replicas, server } = setup();
    writer.run('SET', 'a', '1');
    writer.run('SELECT', '5');
    for (let i = 0; i < 3000; i++) writer.run('SET', `k${i}`, 'v'.repeat(50));
    const replica = server.connect();
    const { offset, feed } = replicas.attachFull(replica, AT, { psync: true, eof: true });
    // Changed after the point in time: the RDB keeps the old value, the stream carries the change.
    writer.run('SET', 'k1', 'changed');
    await new Promise((resolve) => setTimeout(resolve, 10));
    let out = replica.reply.take() ?? Buffer.alloc(0);
    const head = /^\+FULLRESYNC (\w{40}) (\d+)\r\n\$EOF:(\w{40})\r\n/.exec(out.toString('latin1'));
    expect(head).not.toBeNull();
    const [whole, replid, announced, mark] = head as RegExpExecArray;
    expect([replid, Number(announced)]).toEqual([REPLID, offset]);
    // The build steps 0.5 ms per turn: on a busy machine it takes many turns. The mark then ends the output (a
    // replica looks for it at the end of what it read), with nothing written after it until the first ACK.
    out = await untilEndsWith(replica, out, mark);
    expect(out.subarray(out.length - mark.length).toString('latin1')).toBe(mark);
    const keys = rdbKeys(out.subarray(whole.length, out.length - mark.length));
    expect(keys).toHaveLength(3001);
    expect(keys).toContain('0:a=1');
    expect(keys).toContain(`5:k1=${'v'.repeat(50)}`);
    expect(feed.online).toBe(false);
    replicas.acked(feed, offset);
    expect(text(replica)).toBe(cmd('SELECT', '5') + cmd('SET', 'k1', 'changed'));
    expect(feed.online).toBe(true);
  });

  it.each([
    ['streamed (capa eof)', true],
    ['with its length (spooled to disk)', false],
  ])(
    'holds the RDB back while the replica has not taken what was sent: %s',
    async (_form, eof) => {
      const { writer, replicas, server } = setup();
      // Values LZF cannot shrink: about 8 MB of RDB.
      for (let i = 0; i < 60000; i++) writer.run('SET', `k${i}`, randomBytes(60).toString('hex'));
      const replica = server.connect();
      // The test transport sends nothing: everything queued stays in the reply writer.
      replicas.attachFull(replica, AT, { psync: false, eof });
      // Wait until the output stops growing.
      let last = -1;
      for (let stable = 0; stable < 3;) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        // Nothing goes out before a spooled RDB is complete: only a non-empty output counts as stable.
        stable = replica.reply.length === last && last > 0 ? stable + 1 : 0;
        last = replica.reply.length;
      }
      // Past the 1 MB high-water mark by at most one step (2,000 keys of each shard), far short of the file.
      expect(last).toBeGreaterThan(1024 * 1024);
      expect(last).toBeLessThan(2.5 * 1024 * 1024);
      expect(replicas.all.values().next().value?.online).toBe(false);
      // A replica that goes away ends the build.
      replica.disconnect();
      expect(replicas.all.size).toBe(0);
      // Building 8 MB of RDB in 0.5 ms turns: seconds on a busy machine.
    },
    60_000,
  );
});

describe('RedisReplicas: partial resync', () => {
  it('continues a replica from its offset with the bytes it missed, in the database it had selected', async () => {
    const { writer, replicas, server } = setup();
    const replica = server.connect();
    replicas.attachFull(replica, AT, FULL);
    await rdbSent(replicas);
    writer.run('SET', 'a', '1');
    const seen = afterRdb(text(replica)).length;
    replica.disconnect();
    expect(replicas.all.size).toBe(0);
    writer.run('SET', 'b', '2');
    writer.run('SELECT', '3');
    writer.run('SET', 'c', '3');
    const again = server.connect();
    expect(replicas.tryContinue(again, AT, psync(REPLID, seen + 1))).toBe(true);
    expect(text(again)).toBe(
      `+CONTINUE ${REPLID}\r\n` + cmd('SET', 'b', '2') + cmd('SELECT', '3') + cmd('SET', 'c', '3'),
    );
    writer.run('SET', 'd', '4');
    expect(text(again)).toBe(cmd('SET', 'd', '4'));
    expect(server.stats.partialSyncs).toBe(1);
    expect(replicas.all.size).toBe(1);
  });

  it('answers a bare +CONTINUE to a replica without the psync2 capability', async () => {
    const { replicas, server } = setup();
    replicas.attachFull(server.connect(), AT, FULL);
    const again = server.connect();
    expect(replicas.tryContinue(again, AT, psync(REPLID, 1, false))).toBe(true);
    expect(text(again)).toBe('+CONTINUE\r\n');
  });

  it('refuses an offset the backlog no longer holds, another history, and "?" (not counted as an error)', async () => {
    const { writer, replicas, server } = setup();
    server.config.lookup('repl-backlog-size')?.set('16384');
    replicas.attachFull(server.connect(), AT, FULL);
    await rdbSent(replicas);
    for (let i = 0; i < 200; i++) writer.run('SET', `k${i}`, 'v'.repeat(100));
    expect(replicas.tryContinue(server.connect(), AT, psync(REPLID, 1))).toBe(false);
    expect(replicas.tryContinue(server.connect(), AT, psync('b'.repeat(40), replicas.offset + 1))).toBe(
      false,
    );
    expect(replicas.tryContinue(server.connect(), AT, psync(REPLID, replicas.offset + 2))).toBe(false);
    expect(server.stats.partialSyncErrors).toBe(3);
    expect(replicas.tryContinue(server.connect(), AT, psync('?', -1))).toBe(false);
    expect(server.stats.partialSyncErrors).toBe(3);
    expect(replicas.tryContinue(server.connect(), AT, psync(REPLID, replicas.offset + 1 - 16384))).toBe(true);
  });

  it('after a promotion, continues replicas of the old history up to where it ended', async () => {
    const { writer, replicas, server, history } = setup();
    replicas.attachFull(server.connect(), AT, FULL);
    await rdbSent(replicas);
    writer.run('SET', 'a', '1');
    const ended = replicas.offset;
    const newId = 'c'.repeat(40);
    history.replid = newId;
    replicas.newHistory(newId);
    writer.run('SET', 'b', '2');
    expect(replicas.tryContinue(server.connect(), AT, psync(REPLID, replicas.offset + 1))).toBe(false);
    const old = server.connect();
    expect(replicas.tryContinue(old, AT, psync(REPLID, ended + 1))).toBe(true);
    expect(text(old)).toBe(`+CONTINUE ${newId}\r\n` + cmd('SET', 'b', '2'));
  });

  it('forgets the stream when the dataset is replaced: a later stream starts past the old end', async () => {
    const { writer, replicas, server } = setup();
    const replica = server.connect();
    replicas.attachFull(replica, AT, FULL);
    await rdbSent(replicas);
    writer.run('SET', 'a', '1');
    const ended = replicas.offset;
    replicas.dropAll('test');
    expect(replica.closed).toBe(true);
    expect(server.journal?.shards.every((s) => s.subscriberCount === 0)).toBe(true);
    writer.run('SET', 'missed', 'by the stream');
    expect(replicas.tryContinue(server.connect(), AT, psync(REPLID, ended + 1))).toBe(false);
    const { offset } = replicas.attachFull(server.connect(), AT, FULL);
    expect(offset).toBe(ended + 1);
    expect(replicas.tryContinue(server.connect(), AT, psync(REPLID, ended + 1))).toBe(false);
    expect(replicas.tryContinue(server.connect(), AT, psync(REPLID, ended + 2))).toBe(true);
  });
});

describe('RedisReplicas: ACKs', () => {
  it('counts online replicas whose acknowledged offset reached a point, and asks for ACKs in the stream', async () => {
    const { writer, replicas, server } = setup();
    const replica = server.connect();
    const { feed } = replicas.attachFull(replica, AT, FULL);
    await rdbSent(replicas);
    writer.run('SET', 'a', '1');
    const point = replicas.offset;
    expect(replicas.ackedAtLeast(point)).toBe(0);
    replicas.acked(feed, point - 1);
    expect(replicas.ackedAtLeast(point)).toBe(0);
    replicas.acked(feed, point);
    expect(replicas.ackedAtLeast(point)).toBe(1);
    replica.reply.take();
    replicas.requestAcks();
    expect(text(replica)).toBe(cmd('REPLCONF', 'GETACK', '*'));
  });
});

/** The journal's offset: records summed over the shards (master_repl_offset). */
const journalRecords = (server: TestServer): number =>
  (server.journal?.shards ?? []).reduce((sum, shard) => sum + shard.currentLsn, 0);

describe('RedisReplicas: lag in journal records', () => {
  it("turns a replica's byte ACKs into the records they complete, so its lag counts the same records as a Drake replica's", async () => {
    const { writer, replicas, server } = setup();
    writer.run('SET', 'before', 'the stream');
    const replica = server.connect();
    const { feed } = replicas.attachFull(replica, AT, FULL);
    // Its RDB holds every record so far.
    expect([replicas.lagRecords(feed), feed.ackedRecords]).toEqual([0, journalRecords(server)]);
    await rdbSent(replicas);
    writer.run('SET', 'a', '1');
    const afterA = replicas.offset;
    writer.run('MSET', 'b', '2', 'c', '3', 'd', '4');
    writer.run('DEL', 'a');
    expect(replicas.lagRecords(feed)).toBe(journalRecords(server) - feed.ackedRecords);
    const written = replicas.lagRecords(feed);
    expect(written).toBeGreaterThanOrEqual(3);
    // Bytes short of SET a's end complete nothing new; its last byte completes it.
    replicas.acked(feed, afterA - 1);
    expect(replicas.lagRecords(feed)).toBe(written);
    replicas.acked(feed, afterA);
    expect(replicas.lagRecords(feed)).toBe(written - 1);
    replicas.acked(feed, replicas.offset);
    expect(replicas.lagRecords(feed)).toBe(0);
    expect(feed.ackedRecords).toBe(journalRecords(server));
    // An older ACK does not take records back.
    replicas.acked(feed, afterA);
    expect(replicas.lagRecords(feed)).toBe(0);
  });

  it("counts a transaction's records complete only with its EXEC, and maps a continued offset to its records", async () => {
    const { writer, replicas, server } = setup();
    const replica = server.connect();
    const { feed } = replicas.attachFull(replica, AT, FULL);
    await rdbSent(replicas);
    const start = replicas.offset;
    const beforeTransaction = journalRecords(server);
    writer.run('MULTI');
    for (const key of ['a', 'b', 'c', 'd']) writer.run('SET', key, key);
    writer.run('EXEC');
    const all = journalRecords(server);
    expect(replicas.lagRecords(feed)).toBe(all - feed.ackedRecords);
    // Everything up to the byte before EXEC's end: the transaction is not complete.
    replicas.acked(feed, replicas.offset - 1);
    expect(feed.ackedRecords).toBeLessThan(all);
    replicas.acked(feed, replicas.offset);
    expect(feed.ackedRecords).toBe(all);
    replica.disconnect();
    writer.run('SET', 'e', 'e');
    const again = server.connect();
    expect(replicas.tryContinue(again, AT, psync(REPLID, start + 1))).toBe(true);
    // It had processed the stream up to `start`: the records before the transaction, and lags by the rest.
    const continued = [...replicas.all][0];
    expect(continued.ackedRecords).toBe(beforeTransaction);
    expect(replicas.lagRecords(continued)).toBe(journalRecords(server) - beforeTransaction);
  });
});

describe('RedisReplicas: lagging (a shutdown waits for them)', () => {
  it('a PSYNC replica lags while it takes its RDB and until it acknowledged the last byte; a repeated ACK request adds no GETACK', async () => {
    const { writer, replicas, server } = setup();
    const replica = server.connect();
    const { feed } = replicas.attachFull(replica, AT, { psync: true, eof: false });
    // Still taking its RDB.
    expect(replicas.lagging()).toBe(true);
    await rdbSent(replicas);
    replicas.acked(feed, replicas.offset);
    expect(replicas.lagging()).toBe(false);
    writer.run('SET', 'a', '1');
    expect(replicas.lagging()).toBe(true);
    replica.reply.take();
    replicas.requestAcks();
    replicas.requestAcks();
    expect(text(replica)).toBe(cmd('REPLCONF', 'GETACK', '*'));
    replicas.acked(feed, replicas.offset - 1);
    expect(replicas.lagging()).toBe(true);
    replicas.acked(feed, replicas.offset);
    expect(replicas.lagging()).toBe(false);
    // Asked again once the stream moved on.
    writer.run('SET', 'b', '2');
    replica.reply.take();
    replicas.requestAcks();
    expect(text(replica)).toBe(cmd('REPLCONF', 'GETACK', '*'));
  });

  it('a SYNC replica, which never acknowledges, does not lag', async () => {
    const { writer, replicas, server } = setup();
    replicas.attachFull(server.connect(), AT, FULL);
    await rdbSent(replicas);
    writer.run('SET', 'a', '1');
    expect(replicas.lagging()).toBe(false);
  });
});

describe('RedisReplicas: memory', () => {
  it("INFO memory's mem_replication_backlog counts the stream's backlog with the journal's rings", async () => {
    const { writer, replicas, server } = setup();
    const backlog = (): number =>
      Number(/mem_replication_backlog:(\d+)/.exec(writer.run('INFO', 'memory'))?.[1] ?? NaN);
    const journalOnly = backlog();
    replicas.attachFull(server.connect(), AT, FULL);
    await rdbSent(replicas);
    for (let i = 0; i < 50; i++) writer.run('SET', `k${i}`, 'v'.repeat(100));
    const journalAfter = (server.journal as Journal).shards.reduce(
      (sum, shard) => sum + shard.backlogBytes,
      0,
    );
    expect(journalAfter).toBeGreaterThan(journalOnly);
    // The stream's backlog holds every byte sent so far (offsets 1 … offset), and the checkpoints that map them
    // to records their first ring (256 of 16 bytes).
    expect(backlog()).toBe(journalAfter + replicas.offset + 256 * 16);
  });
});

describe('RedisReplicas: replication timeout', () => {
  it('drops an online PSYNC replica silent for repl-timeout seconds, never a SYNC one', async () => {
    const { replicas, server } = setup();
    server.config.lookup('repl-timeout')?.set('5');
    const psyncing = server.connect();
    const { feed } = replicas.attachFull(psyncing, AT, { psync: true, eof: false });
    const syncing = server.connect();
    const { feed: old } = replicas.attachFull(syncing, AT, FULL);
    await rdbSent(replicas);
    const now = Date.now();
    replicas.acked(feed, 0);
    replicas.dropSilent(now + 4000);
    expect(replicas.all.size).toBe(2);
    replicas.dropSilent(now + 6000);
    expect(psyncing.closed).toBe(true);
    expect([...replicas.all]).toEqual([old]);
  });
});
