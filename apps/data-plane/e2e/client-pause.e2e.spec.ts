import { redisAndSubjectForSpec, startDrake, SUBJECT_KIND, type ServerHandle } from './support/processes';
import { RawClient } from './support/raw-client';
import { freshClients, sameOnBoth } from './support/transcripts';
import { datasetListing, statsCounter, waitConverged } from './support/replication';

/**
 * CLIENT PAUSE and CLIENT UNPAUSE over real sockets against redis-server 7.0: several clients run the same steps
 * on both servers, some of them sending commands the pause holds back, and what each connection received is
 * compared step by step (held commands answer nothing until the pause ends, then in the order they arrived).
 */
jest.setTimeout(120_000);

const servers = redisAndSubjectForSpec();

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Redis notices that a pause's time is up when its event loop next wakes (every 100 ms at `hz 10`); waiting this
 * long after the end leaves room for that.
 */
const PAUSE_END_SLACK_MS = 350;

/**
 * A step: `[client, ...command]` sends and records the reply; `['send', client, ...command]` sends without waiting
 * (a held command); `['take', client]` records what the client received meanwhile (after 50 ms of quiet);
 * `['sleep', ms]`; `['info', client, field]` records one INFO field as the client reads it; `['flags', client,
 * target]` records the target's CLIENT LIST `flags=` and `cmd=`; `['close', client]`. `{idN}` in a command
 * stands for client N's id.
 */
type Step =
  | readonly [number, ...string[]]
  | readonly ['send', number, ...string[]]
  | readonly ['take', number]
  | readonly ['sleep', number]
  | readonly ['info', number, string]
  | readonly ['flags', number, number]
  | readonly ['close', number];

async function takeFrames(client: RawClient): Promise<string[]> {
  let seen = -1;
  while (client.pending().length !== seen) {
    seen = client.pending().length;
    await sleep(50);
  }
  const frames: string[] = [];
  while (client.pending().length > 0) frames.push((await client.readReply(1000)).toString('latin1'));
  return frames;
}

async function infoField(client: RawClient, field: string): Promise<string> {
  const info = await client.callText('INFO', 'everything');
  return new RegExp(`^${field}:(.*)\r$`, 'm').exec(info)?.[1] ?? '(missing)';
}

async function flagsOf(client: RawClient, targetId: string): Promise<string> {
  const list = await client.callText('CLIENT', 'LIST', 'ID', targetId);
  return `${/ flags=\S+/.exec(list)?.[0] ?? '(no flags)'}${/ cmd=\S+/.exec(list)?.[0] ?? '(no cmd)'}`;
}

/** Runs the steps with `clients` fresh connections; returns what each step recorded. */
async function transcript(port: number, clients: number, steps: readonly Step[]): Promise<string[]> {
  const { admin, conns, ids } = await freshClients(port, clients);
  const withIds = (args: readonly string[]): string[] =>
    args.map((a) => a.replace(/^\{id(\d+)\}$/, (_, n: string) => ids[Number(n)]));
  const out: string[] = [];
  try {
    for (const step of steps) {
      const [head, ...rest] = step;
      if (typeof head === 'number') {
        out.push(
          `${head}> ${rest.join(' ')}`,
          (await conns[head].call(...withIds(rest as string[]))).toString('latin1'),
        );
      } else if (head === 'send') {
        const [c, ...cmd] = rest as [number, ...string[]];
        conns[c].send(...withIds(cmd));
        out.push(`${c}> (sent) ${cmd.join(' ')}`);
      } else if (head === 'take') {
        const c = rest[0] as number;
        out.push(`${c} took:`, ...(await takeFrames(conns[c])));
      } else if (head === 'sleep') {
        await sleep(rest[0] as number);
      } else if (head === 'info') {
        const [c, field] = rest as [number, string];
        out.push(`${field}:${await infoField(conns[c], field)}`);
      } else if (head === 'flags') {
        const [c, target] = rest as [number, number];
        out.push(`client ${target}:${await flagsOf(conns[c], ids[target])}`);
      } else {
        await conns[rest[0] as number].close();
      }
    }
  } finally {
    // A test that failed half-way must not leave the server paused for the next one.
    await admin.call('CLIENT', 'UNPAUSE').catch(() => undefined);
    await Promise.all([...conns, admin].map((c) => c.close()));
  }
  return out;
}

function same(clients: number, steps: readonly Step[]): Promise<string[]> {
  return sameOnBoth(servers, (port) => transcript(port, clients, steps));
}

describe('CLIENT PAUSE against redis-server', () => {
  it('WRITE holds writes and may-replicate commands until UNPAUSE, then runs them in order', async () => {
    const got = await same(4, [
      [0, 'CLIENT', 'PAUSE', '100000', 'WRITE'],
      [1, 'GET', 'k'],
      ['send', 1, 'SET', 'k', 'v'],
      ['send', 1, 'GET', 'k'],
      ['send', 2, 'PUBLISH', 'ch', 'm'],
      ['send', 3, 'PFCOUNT', 'h'],
      ['take', 1],
      ['take', 2],
      [0, 'GET', 'k'],
      [0, 'SUBSCRIBE', 'x'],
      [0, 'UNSUBSCRIBE', 'x'],
      ['info', 0, 'blocked_clients'],
      ['flags', 0, 1],
      ['flags', 0, 2],
      [0, 'CLIENT', 'UNPAUSE'],
      ['take', 1],
      ['take', 2],
      ['take', 3],
      ['info', 0, 'blocked_clients'],
      ['flags', 0, 1],
      [1, 'GET', 'k'],
    ]);
    expect(got).toContain('blocked_clients:3');
    expect(got.join('|')).toContain('1 took:|+OK\r\n|$1\r\nv\r\n');
  });

  it('a pause holds a write before MULTI queues it, and an EXEC that holds one', async () => {
    await same(2, [
      [1, 'MULTI'],
      [1, 'GET', 'k'],
      [0, 'CLIENT', 'PAUSE', '100000', 'WRITE'],
      [1, 'EXEC'],
      [1, 'MULTI'],
      ['send', 1, 'SET', 'k', 'v'],
      ['take', 1],
      [0, 'CLIENT', 'UNPAUSE'],
      ['take', 1],
      [1, 'INCR', 'n'],
      [1, 'GET', 'k'],
      [0, 'CLIENT', 'PAUSE', '100000', 'WRITE'],
      ['send', 1, 'EXEC'],
      ['take', 1],
      [0, 'GET', 'k'],
      [0, 'CLIENT', 'UNPAUSE'],
      ['take', 1],
    ]);
  });

  it('ALL holds every command, the pausing client’s own too, until its time is up', async () => {
    const got = await same(2, [
      [0, 'SET', 'k', 'v'],
      [0, 'CLIENT', 'PAUSE', '300', 'ALL'],
      ['send', 1, 'PING'],
      ['send', 0, 'GET', 'k'],
      ['send', 1, 'GET', 'k'],
      ['take', 1],
      ['take', 0],
      ['sleep', 300 + PAUSE_END_SLACK_MS],
      ['take', 1],
      ['take', 0],
    ]);
    expect(got.join('|')).toContain('1 took:|+PONG\r\n|$1\r\nv\r\n');
  });

  it('pauses merge: the later end and the stricter mode win; 0 and an end past 2^63 pause nothing', async () => {
    await same(2, [
      [0, 'CLIENT', 'PAUSE', '0'],
      [1, 'SET', 'a', '1'],
      [0, 'CLIENT', 'PAUSE', '9223372036854775807', 'WRITE'],
      [1, 'SET', 'a', '2'],
      [0, 'CLIENT', 'PAUSE', '100000', 'WRITE'],
      [0, 'CLIENT', 'PAUSE', '1', 'WRITE'],
      ['sleep', 200],
      ['send', 1, 'SET', 'a', '3'],
      ['take', 1],
      [0, 'CLIENT', 'UNPAUSE'],
      ['take', 1],
      [0, 'CLIENT', 'PAUSE', '300', 'WRITE'],
      [0, 'CLIENT', 'PAUSE', '1', 'ALL'],
      ['send', 1, 'GET', 'a'],
      ['take', 1],
      ['sleep', 300 + PAUSE_END_SLACK_MS],
      ['take', 1],
      [1, 'SET', 'a', '4'],
    ]);
  });

  it('keys that expire during a pause are hidden but kept until it ends', async () => {
    await same(2, [
      [1, 'SET', 'e', 'v', 'PX', '100'],
      [1, 'SET', 'keep', 'v'],
      [0, 'CLIENT', 'PAUSE', '100000', 'WRITE'],
      ['sleep', 250],
      [1, 'GET', 'e'],
      [1, 'EXISTS', 'e'],
      [1, 'TTL', 'e'],
      [1, 'KEYS', '*'],
      [1, 'DBSIZE'],
      [0, 'CLIENT', 'UNPAUSE'],
      ['sleep', 250],
      [1, 'GET', 'e'],
      [1, 'DBSIZE'],
    ]);
  });

  it('a held client that disconnects or is killed runs nothing', async () => {
    await same(3, [
      [0, 'CLIENT', 'PAUSE', '100000', 'WRITE'],
      ['send', 1, 'SET', 'gone', '1'],
      ['send', 2, 'SET', 'killed', '1'],
      ['take', 1],
      ['close', 1],
      [0, 'CLIENT', 'KILL', 'ID', '{id2}'],
      ['info', 0, 'blocked_clients'],
      [0, 'CLIENT', 'UNPAUSE'],
      [0, 'MGET', 'gone', 'killed'],
    ]);
  });

  it('answers errors and COMMAND INFO as Redis does', async () => {
    await same(1, [
      [0, 'CLIENT', 'PAUSE'],
      [0, 'CLIENT', 'PAUSE', 'abc'],
      [0, 'CLIENT', 'PAUSE', '1.5'],
      [0, 'CLIENT', 'PAUSE', '-1'],
      [0, 'CLIENT', 'PAUSE', '99999999999999999999'],
      [0, 'CLIENT', 'PAUSE', '10', 'foo'],
      [0, 'CLIENT', 'PAUSE', 'abc', 'foo'],
      [0, 'CLIENT', 'PAUSE', '10', 'write', 'x'],
      [0, 'CLIENT', 'UNPAUSE', 'x'],
      [0, 'CLIENT', 'UNPAUSE'],
      [0, 'CLIENT', 'pause', '1', 'wRiTe'],
      [0, 'COMMAND', 'INFO', 'client|pause', 'client|unpause'],
    ]);
  });

  it('CLIENT HELP lists PAUSE and UNPAUSE where Redis does (Drake adds 7.2’s SETINFO)', async () => {
    const helpLines = async (port: number): Promise<string[]> => {
      const client = await RawClient.connect(port);
      try {
        const lines = (await client.callText('CLIENT', 'HELP')).split('\r\n').slice(1, -1);
        const setinfo = lines.findIndex((line) => line.startsWith('+SETINFO'));
        if (setinfo >= 0) lines.splice(setinfo, 2);
        return lines;
      } finally {
        await client.close();
      }
    };
    const expected = await helpLines(servers.redis().port);
    expect(expected).toContain('+PAUSE <timeout> [WRITE|ALL]');
    expect(await helpLines(servers.subject().port)).toEqual(expected);
  });
});

const drakeOnly = SUBJECT_KIND === 'drake' ? describe : describe.skip;

drakeOnly('CLIENT PAUSE on drake-server', () => {
  it('CLIENT UNBLOCK leaves a held client waiting (Redis 7.0 stops on an assertion there)', async () => {
    const port = servers.subject().port;
    const [admin, held] = await Promise.all([RawClient.connect(port), RawClient.connect(port)]);
    try {
      const id = (await held.callText('CLIENT', 'ID')).slice(1, -2);
      expect(await admin.callText('CLIENT', 'PAUSE', '100000', 'WRITE')).toBe('+OK\r\n');
      held.send('SET', 'unblock-me', '1');
      expect(await admin.callText('CLIENT', 'UNBLOCK', id)).toBe(':0\r\n');
      expect(await admin.callText('CLIENT', 'UNBLOCK', id, 'ERROR')).toBe(':0\r\n');
      await sleep(50);
      expect(held.pending().length).toBe(0);
      expect(await admin.callText('CLIENT', 'UNPAUSE')).toBe('+OK\r\n');
      expect((await held.readReply()).toString('latin1')).toBe('+OK\r\n');
    } finally {
      await admin.call('CLIENT', 'UNPAUSE');
      await Promise.all([admin.close(), held.close()]);
    }
  });

  describe('with replication', () => {
    let master: ServerHandle;
    let replica: ServerHandle;
    beforeAll(async () => {
      [master, replica] = await Promise.all([startDrake(), startDrake()]);
      await replicate(replica.port, master.port);
    }, 60_000);
    afterAll(async () => {
      await Promise.all([master?.stop(), replica?.stop()]);
    });

    it('a paused replica receives its master’s writes but applies them only when the pause ends', async () => {
      const [m, r] = await Promise.all([RawClient.connect(master.port), RawClient.connect(replica.port)]);
      try {
        await m.call('SET', 'before', '1');
        await waitConverged(master.port, replica.port);
        const applied = await replicaField(r, 'slave_repl_offset');
        expect(await r.callText('CLIENT', 'PAUSE', '100000', 'WRITE')).toBe('+OK\r\n');
        for (let i = 0; i < 50; i++) await m.call('SET', `during:${i}`, String(i));
        // Received (the read offset moves on), not applied (the offset and the data stay).
        await until(async () => (await replicaField(r, 'slave_read_repl_offset')) >= applied + 50);
        expect(await replicaField(r, 'slave_repl_offset')).toBe(applied);
        expect(await r.callText('GET', 'during:0')).toBe('$-1\r\n');
        expect(await r.callText('CLIENT', 'UNPAUSE')).toBe('+OK\r\n');
        await waitConverged(master.port, replica.port);
        expect(await r.callText('GET', 'during:49')).toBe('$2\r\n49\r\n');
        expect(await datasetListing(replica.port)).toEqual(await datasetListing(master.port));
      } finally {
        await Promise.all([m.close(), r.close()]);
      }
    });

    it('a paused master keeps its replica linked and in step: no resync, held writes replicate after', async () => {
      const fullSyncs = await statsCounter(master.port, 'sync_full');
      const partialSyncs = await statsCounter(master.port, 'sync_partial_ok');
      const [admin, writer] = await Promise.all([
        RawClient.connect(master.port),
        RawClient.connect(master.port),
      ]);
      try {
        expect(await admin.callText('CLIENT', 'PAUSE', '1500', 'ALL')).toBe('+OK\r\n');
        writer.send('SET', 'held', 'v');
        await sleep(1000);
        expect(writer.pending().length).toBe(0);
        expect((await writer.readReply(5000)).toString('latin1')).toBe('+OK\r\n');
        await waitConverged(master.port, replica.port);
        expect(await admin.callText('GET', 'held')).toBe('$1\r\nv\r\n');
        expect(await statsCounter(master.port, 'sync_full')).toBe(fullSyncs);
        expect(await statsCounter(master.port, 'sync_partial_ok')).toBe(partialSyncs);
      } finally {
        await Promise.all([admin.close(), writer.close()]);
      }
    });
  });
});

async function replicate(replicaPort: number, masterPort: number): Promise<void> {
  const c = await RawClient.connect(replicaPort);
  try {
    expect(await c.callText('REPLICAOF', '127.0.0.1', String(masterPort))).toBe('+OK\r\n');
  } finally {
    await c.close();
  }
  await waitConverged(masterPort, replicaPort);
}

async function replicaField(replica: RawClient, field: string): Promise<number> {
  return Number(await infoField(replica, field));
}

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}
