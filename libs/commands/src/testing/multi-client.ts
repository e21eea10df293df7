/**
 * Differential scenarios with several clients (WATCH races, blocking commands): each step runs one client's
 * command on Redis and on Drake; a step marked `block` expects no reply yet, and a later `await` step collects
 * the reply that client got meanwhile. Not used by the server.
 */
import type { CommandSpec } from '../command-spec';
import type { Protocol } from './differential';
import type { RedisConnection, RawRedis } from './redis-oracle';
import { TestServer, type TestClient } from './test-server';

export type Step =
  | { readonly c: number; readonly cmd: readonly string[]; readonly block?: boolean }
  | { readonly c: number; readonly await: true }
  | { readonly sleep: number };

/** Shorthands for scenario tables. */
export const run = (c: number, ...cmd: string[]): Step => ({ c, cmd });
export const block = (c: number, ...cmd: string[]): Step => ({ c, cmd, block: true });
export const reply = (c: number): Step => ({ c, await: true });
export const sleep = (ms: number): Step => ({ sleep: ms });

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `{id0}`, `{id1}`… in a command stand for that client's CLIENT ID on the side that runs it. */
function withIds(cmd: readonly string[], ids: readonly number[]): string[] {
  return cmd.map((a) => a.replace(/^\{id(\d+)\}$/, (_, n: string) => String(ids[Number(n)])));
}

/** How many clients `steps` uses. */
function clientCount(steps: readonly Step[]): number {
  let n = 0;
  for (const s of steps) if ('c' in s) n = Math.max(n, s.c + 1);
  return n;
}

/** Waits until Redis reports `count` blocked clients, so the next step cannot overtake the blocking one. */
async function blockedClients(admin: RedisConnection, count: number): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const info = await admin.call('INFO', 'clients');
    const m = /blocked_clients:(\d+)/.exec(info);
    if (m !== null && Number(m[1]) >= count) return;
    await pause(2);
  }
  throw new Error(`redis never reported ${count} blocked clients`);
}

/** Runs the scenario on Redis (fresh connections, flushed) and returns one transcript line per reply. */
export async function redisTranscript(
  redis: RawRedis,
  protocol: Protocol,
  steps: readonly Step[],
): Promise<string[]> {
  const sessions: RedisConnection[] = [];
  try {
    for (let i = 0; i < clientCount(steps); i++) {
      const s = await redis.session();
      sessions.push(s);
      await s.call('HELLO', String(protocol));
    }
    const ids: number[] = [];
    for (const s of sessions) ids.push(Number((await s.call('CLIENT', 'ID')).slice(1, -2)));
    const admin = await redis.session();
    sessions.push(admin);
    await admin.call('FLUSHALL');
    const out: string[] = [];
    let blocked = 0;
    for (const step of steps) {
      if ('sleep' in step) await pause(step.sleep);
      else if ('await' in step) {
        out.push(`${step.c} <- ${JSON.stringify(await sessions[step.c].next())}`);
        blocked--;
      } else if (step.block === true) {
        sessions[step.c].post(...withIds(step.cmd, ids));
        await blockedClients(admin, ++blocked);
      } else {
        const text = await sessions[step.c].call(...withIds(step.cmd, ids));
        out.push(`${step.c} ${step.cmd.join(' ')} -> ${JSON.stringify(text)}`);
      }
    }
    return out;
  } finally {
    for (const s of sessions) s.close();
  }
}

/** Runs the scenario on an in-process Drake with `commands`, in the same transcript format. */
export async function drakeTranscript(
  commands: Iterable<CommandSpec>,
  protocol: Protocol,
  steps: readonly Step[],
): Promise<string[]> {
  const server = new TestServer(commands);
  const clients: TestClient[] = [];
  for (let i = 0; i < clientCount(steps); i++) {
    const client = server.connect();
    client.reply.protocol = protocol;
    clients.push(client);
  }
  const ids = clients.map((c) => c.id);
  const out: string[] = [];
  for (const step of steps) {
    if ('sleep' in step) await pause(step.sleep);
    else if ('await' in step) {
      const text = clients[step.c].reply.take()?.toString('latin1') ?? '';
      out.push(`${step.c} <- ${JSON.stringify(text)}`);
    } else {
      const text = clients[step.c].run(...withIds(step.cmd, ids));
      if (step.block === true) {
        if (text !== '') out.push(`${step.c} ${step.cmd.join(' ')} did not block: ${JSON.stringify(text)}`);
      } else {
        out.push(`${step.c} ${step.cmd.join(' ')} -> ${JSON.stringify(text)}`);
      }
    }
  }
  for (const client of clients) client.release();
  return out;
}
