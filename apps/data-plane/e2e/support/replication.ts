import { RawClient } from './raw-client';
import { Xorshift } from './xorshift';

/**
 * Helpers for replication tests: datasets compared whole (DEBUG DIGEST plus every key of every database by
 * SCAN), waiting for convergence, and a writer that keeps every data type busy on the master.
 */

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One command on a short-lived connection, reply as latin1 text. */
export async function call(port: number, ...argv: string[]): Promise<string> {
  const c = await RawClient.connect(port);
  try {
    return await c.callText(...argv);
  } finally {
    await c.close();
  }
}

/** The bulk strings of an array reply (flat). */
function bulks(reply: string): string[] {
  const out: string[] = [];
  const re = /\$(\d+)\r\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(reply)) !== null) {
    const start = m.index + m[0].length;
    out.push(reply.slice(start, start + Number(m[1])));
    re.lastIndex = start + Number(m[1]) + 2;
  }
  return out;
}

/** Every key of databases 0..dbs-1 with its value digest and whether it has a TTL, sorted. */
export async function datasetListing(port: number, dbs = 2): Promise<string[]> {
  const c = await RawClient.connect(port);
  const out: string[] = [];
  try {
    for (let db = 0; db < dbs; db++) {
      await c.callText('SELECT', String(db));
      let cursor = '0';
      do {
        const reply = await c.callText('SCAN', cursor, 'COUNT', '1000');
        const items = bulks(reply);
        cursor = items[0];
        for (const key of items.slice(1)) {
          const digest = await c.callText('DEBUG', 'DIGEST-VALUE', key);
          const ttl = await c.callText('PTTL', key);
          out.push(
            `${db} ${JSON.stringify(key)} ${digest.trim()} ${ttl.startsWith(':-1') ? 'persistent' : 'ttl'}`,
          );
        }
      } while (cursor !== '0');
    }
  } finally {
    await c.close();
  }
  return out.sort();
}

export async function digest(port: number): Promise<string> {
  return call(port, 'DEBUG', 'DIGEST');
}

/** ROLE's state of a replica ("connected", "sync"…). */
export async function replicaState(port: number): Promise<string> {
  return bulks(await call(port, 'ROLE'))[2] ?? '';
}

/** Waits until the replica is connected and holds exactly the master's data (digest), or throws. */
export async function waitConverged(
  masterPort: number,
  replicaPort: number,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const state = await replicaState(replicaPort);
    const [m, r] = await Promise.all([digest(masterPort), digest(replicaPort)]);
    if (state === 'connected' && m === r) return;
    last = `state=${state} master=${m.trim()} replica=${r.trim()}`;
    await sleep(50);
  }
  throw new Error(`replica did not converge: ${last}`);
}

/**
 * Waits until the replica has applied every record the master journalled (`DFLY REPLICAOFFSET` on the master equal
 * to `DEBUG REPLICA OFFSET` on the replica): sooner than WAIT, which hears the replica's periodic ACKs.
 */
export async function waitApplied(master: RawClient, replica: RawClient, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [m, r] = await Promise.all([
      master.callText('DFLY', 'REPLICAOFFSET'),
      replica.callText('DEBUG', 'REPLICA', 'OFFSET'),
    ]);
    if (m === r) return;
    if (Date.now() > deadline) throw new Error(`replica offsets ${r.trim()} never reached ${m.trim()}`);
    await sleep(1);
  }
}

/** Master INFO stats counter (sync_full, sync_partial_ok…). */
export async function statsCounter(port: number, name: string): Promise<number> {
  const info = await call(port, 'INFO', 'stats');
  return Number(new RegExp(`${name}:(\\d+)`).exec(info)?.[1] ?? NaN);
}

/**
 * Keeps writing random commands of every type to the master in pipelined batches until stop() — strings with
 * TTLs, lists, hashes, sets (SPOP), sorted sets, INCRBYFLOAT, multi-key commands and MULTI/EXEC — and counts
 * acknowledged replies.
 */
export class Writer {
  acknowledged = 0;
  private running = true;
  private readonly done: Promise<void>;
  private readonly random: Xorshift;

  constructor(
    private readonly client: RawClient,
    seed = 1,
    private readonly keys = 200,
  ) {
    this.random = new Xorshift(seed);
    this.done = this.loop();
  }

  static async start(port: number, seed = 1, keys = 200): Promise<Writer> {
    return new Writer(await RawClient.connect(port), seed, keys);
  }

  async stop(): Promise<number> {
    this.running = false;
    await this.done;
    await this.client.close();
    return this.acknowledged;
  }

  private rand(n: number): number {
    return this.random.next(n);
  }

  private command(): string[] {
    const k = (prefix: string): string => `${prefix}:${this.rand(this.keys)}`;
    const v = (): string => String(this.rand(1000));
    switch (this.rand(16)) {
      case 0:
        return ['SET', k('s'), 'v'.repeat(this.rand(200)) + v()];
      case 1:
        // TTLs far beyond a test's length: expiry has its own test, and must not race the comparisons here.
        return ['SET', k('s'), v(), 'EX', String(10_000 + this.rand(100))];
      case 2:
        return ['INCRBYFLOAT', k('f'), '1.5'];
      case 3:
        return ['RPUSH', k('l'), v(), v()];
      case 4:
        return ['LPOP', k('l')];
      case 5:
        return ['HSET', k('h'), `f${this.rand(20)}`, v()];
      case 6:
        return ['HDEL', k('h'), `f${this.rand(20)}`];
      case 7:
        return ['SADD', k('set'), v(), `m${this.rand(50)}`];
      case 8:
        return ['SPOP', k('set')];
      case 9:
        return ['ZADD', k('z'), String(this.rand(100) / 7), `m${this.rand(50)}`];
      case 10:
        return ['ZPOPMIN', k('z')];
      case 11:
        return ['DEL', k('s')];
      case 12:
        return ['MSET', k('s'), v(), k('s'), v()];
      case 13:
        return ['EXPIRE', k('l'), String(10_000 + this.rand(50))];
      case 14:
        return ['SUNIONSTORE', k('set'), k('set'), k('set')];
      default:
        return ['APPEND', k('s'), v()];
    }
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const batch = 20;
      const tx = this.rand(4) === 0;
      if (tx) this.client.send('MULTI');
      for (let i = 0; i < batch; i++) this.client.send(...this.command());
      if (tx) this.client.send('EXEC');
      const replies = batch + (tx ? 2 : 0);
      for (let i = 0; i < replies; i++) await this.client.readReply(30_000);
      this.acknowledged += batch;
    }
  }
}

/** Writes unique keys one at a time and remembers every write the master acknowledged with +OK. */
export class AckedWriter {
  readonly acknowledged: string[] = [];
  private running = true;
  private readonly done: Promise<void>;

  constructor(private readonly client: RawClient) {
    this.done = this.loop();
  }

  async stop(): Promise<string[]> {
    this.running = false;
    await this.done;
    await this.client.close();
    return this.acknowledged;
  }

  private async loop(): Promise<void> {
    for (let i = 0; this.running; i++) {
      const key = `acked:${i}`;
      const reply = await this.client.callText('SET', key, String(i)).catch(() => '');
      if (reply === '+OK\r\n') this.acknowledged.push(key);
      else if (reply === '') return;
      else await sleep(1);
    }
  }
}

/** How many of `keys` the server at `port` holds (one pipelined EXISTS each). */
export async function presentKeys(port: number, keys: readonly string[]): Promise<number> {
  const c = await RawClient.connect(port);
  try {
    for (const key of keys) c.send('EXISTS', key);
    let present = 0;
    for (let i = 0; i < keys.length; i++)
      if ((await c.readReply()).toString('latin1') === ':1\r\n') present++;
    return present;
  } finally {
    await c.close();
  }
}
