/**
 * Keyspace notifications with several clients in lockstep, for blocked clients served later by another
 * client's write: each step runs on Drake first, whose answer tells whether the client blocked; Redis is
 * checked against that by its blocked_clients count after every step, and blocked clients' later replies are
 * awaited on both. Transcripts: one line per reply, plus the blocked count after each step. Not used by the
 * server.
 */
import type { RedisFixture } from './differential';
import { DrakeListener, RedisListener, drakeServer, eventLines } from './keyspace-events-oracle';
import type { Step } from './multi-client';
import type { RedisConnection } from './redis-oracle';
import type { TestClient, TestServer } from './test-server';

/** A lockstep run: both transcripts, and the events each side's subscriber heard, as lines. */
export interface LockstepRun {
  readonly drake: string[];
  readonly redis: string[];
  drakeEvents: string[];
  redisEvents: string[];
}

/** How long Redis gets to answer, or to reach Drake's blocked count, before the transcript says it did not. */
const WAIT_MS = 2000;

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `promise`, or a "no reply" text after WAIT_MS (so a divergence shows in the transcript, not as a hang). */
async function within(promise: Promise<string>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('(no reply)'), WAIT_MS)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** How many clients `steps` uses (numbered from 0). */
function clientCount(steps: readonly Step[]): number {
  let n = 0;
  for (const s of steps) if ('c' in s) n = Math.max(n, s.c + 1);
  return n;
}

/** The Redis side: one connection per client, an admin connection, and the listener. */
class RedisSide {
  /** Each client's reply not read yet (a blocked client's), or null. */
  readonly pending: (Promise<string> | null)[] = [];

  private constructor(
    readonly clients: RedisConnection[],
    readonly admin: RedisConnection,
    readonly listener: RedisListener,
  ) {}

  static async open(oracle: RedisFixture, count: number, classes: string): Promise<RedisSide> {
    const clients: RedisConnection[] = [];
    for (let i = 0; i < count; i++) clients.push(await oracle.session());
    const admin = await oracle.session();
    return new RedisSide(clients, admin, await RedisListener.open(oracle, admin, classes));
  }

  /** Polls blocked_clients until it is `expected` (or time runs out) and returns the last count seen. */
  async blockedCount(expected: number): Promise<number> {
    let n = -1;
    for (const start = Date.now(); Date.now() - start < WAIT_MS; await pause(1)) {
      const m = /blocked_clients:(\d+)/.exec(await this.admin.call('INFO', 'clients'));
      n = m === null ? -1 : Number(m[1]);
      if (n === expected) break;
    }
    return n;
  }

  async close(): Promise<void> {
    await this.listener.close();
    for (const c of [...this.clients, this.admin]) c.close();
  }
}

/** The Drake side: an in-process server with the same clients, and the listener. */
class DrakeSide {
  readonly server: TestServer = drakeServer();
  readonly clients: TestClient[] = [];
  readonly listener: DrakeListener;

  constructor(count: number, classes: string) {
    for (let i = 0; i < count; i++) this.clients.push(this.server.connect());
    this.listener = new DrakeListener(this.server, this.server.connect(), classes);
  }
}

/** Runs one command on both sides; the Redis reply is awaited only when Drake's client did not block. */
async function lockstepCommand(
  step: Extract<Step, { cmd: readonly string[] }>,
  drake: DrakeSide,
  redis: RedisSide,
  out: LockstepRun,
): Promise<void> {
  const line = (text: string): string => `${step.c} ${step.cmd.join(' ')} -> ${JSON.stringify(text)}`;
  const mine = drake.clients[step.c].run(...step.cmd);
  redis.clients[step.c].post(...step.cmd);
  redis.pending[step.c] = redis.clients[step.c].next();
  if (mine === '') return;
  if (step.block === true) out.drake.push(`${step.c} did not block`);
  out.drake.push(line(mine));
  out.redis.push(line(await within(redis.pending[step.c] as Promise<string>)));
  redis.pending[step.c] = null;
}

/** Appends the replies that blocked clients got meanwhile (served by the last step, or timed out). */
async function servedReplies(drake: DrakeSide, redis: RedisSide, out: LockstepRun): Promise<void> {
  for (let i = 0; i < drake.clients.length; i++) {
    const served = drake.clients[i].reply.take()?.toString('latin1') ?? '';
    if (served === '') continue;
    out.drake.push(`${i} <- ${JSON.stringify(served)}`);
    const pending = redis.pending[i];
    out.redis.push(`${i} <- ${JSON.stringify(pending === null ? '(not blocked)' : await within(pending))}`);
    redis.pending[i] = null;
  }
}

/**
 * Runs one step (a command, or a pause; an `await` step only collects replies) on both sides and appends the
 * transcript lines. With `skipBlocked`, a command for a client Drake has blocked is skipped on both sides.
 */
async function lockstep(
  step: Step,
  drake: DrakeSide,
  redis: RedisSide,
  out: LockstepRun,
  skipBlocked: boolean,
): Promise<void> {
  if ('cmd' in step && skipBlocked && drake.clients[step.c].blocked !== null) return;
  if ('sleep' in step) await pause(step.sleep);
  else if ('cmd' in step) await lockstepCommand(step, drake, redis, out);
  await servedReplies(drake, redis, out);
  const blocked = drake.server.blocking.size;
  out.drake.push(`blocked ${blocked}`);
  out.redis.push(`blocked ${await redis.blockedCount(blocked)}`);
}

/** Runs `steps` on both servers with notify-keyspace-events `classes`, from empty databases. */
export async function runLockstep(
  oracle: RedisFixture,
  steps: readonly Step[],
  classes: string,
  skipBlocked: boolean,
): Promise<LockstepRun> {
  const count = clientCount(steps);
  const drake = new DrakeSide(count, classes);
  const redis = await RedisSide.open(oracle, count, classes);
  const out: LockstepRun = { drake: [], redis: [], drakeEvents: [], redisEvents: [] };
  try {
    for (const step of steps) await lockstep(step, drake, redis, out, skipBlocked);
    out.drakeEvents = eventLines(drake.listener.events());
    out.redisEvents = eventLines(await redis.listener.events());
  } finally {
    await redis.close();
    for (const c of drake.clients) c.release();
  }
  return out;
}
