/**
 * Differential-test plumbing shared by the command-family specs: a redis-server fixture for one describe block,
 * running a sequence on Redis and on a Drake TestClient in a given protocol, and the side-by-side transcript
 * that makes a mismatch show the step that diverged. Not used by the server.
 */
import type { CommandSpec } from '../command-spec';
import type { ConfigStore } from '../server-context';
import { TestServer, type TestClient } from './test-server';
import { RawRedis, replyEnd, type Command, type RedisConnection } from './redis-oracle';

export type Protocol = 2 | 3;

/** The protocols every differential suite runs in. */
export const PROTOCOLS: readonly Protocol[] = [2, 3];

/**
 * A redis-server for one describe block: `start` in beforeAll, `stop` in afterAll. Extra connections opened
 * through it are closed by `stop`.
 */
export class RedisFixture {
  private server: RawRedis | null = null;
  private readonly sessions: RedisConnection[] = [];

  get redis(): RawRedis {
    if (this.server === null) throw new Error('redis-server is not started');
    return this.server;
  }

  async start(): Promise<void> {
    this.server = await RawRedis.start();
  }

  async stop(): Promise<void> {
    for (const s of this.sessions) s.close();
    await this.server?.stop();
    this.server = null;
  }

  /** Another connection to the server, closed at `stop`. */
  async session(): Promise<RedisConnection> {
    const session = await this.redis.session();
    this.sessions.push(session);
    return session;
  }

  /** A fresh Redis connection paired with a new client of `server`. */
  async pair(server: TestServer): Promise<SessionPair> {
    return new SessionPair(await this.session(), server.connect());
  }
}

/** A Drake client of a fresh TestServer, speaking `protocol`. */
export function drakeClient(
  commands: Iterable<CommandSpec>,
  protocol: Protocol,
  config?: ConfigStore,
): TestClient {
  const client = new TestServer(commands, config).connect();
  client.reply.protocol = protocol;
  return client;
}

/**
 * Runs `commands` on Redis from an empty keyspace in `protocol`, after the extra `setup` commands, in one
 * write; resolves with the replies to `commands` only.
 */
export async function redisReplies(
  redis: RedisConnection,
  protocol: Protocol,
  setup: readonly Command[],
  commands: readonly Command[],
): Promise<string[]> {
  const prefix: Command[] = [['FLUSHALL'], ['HELLO', String(protocol)], ...setup];
  const replies = await redis.send([...prefix, ...commands]);
  return replies.slice(prefix.length);
}

/**
 * The mismatch report: each reply side by side with its command, so two transcripts differ exactly at the
 * step that diverged. Replies past the sequence (final state checks) are labelled 'final'.
 */
export function transcript(seq: readonly Command[], replies: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.max(seq.length, replies.length); i++)
    out.push(`${JSON.stringify(seq[i] ?? 'final')} -> ${JSON.stringify(replies[i])}`);
  return out;
}

/** A real Redis connection and a Drake test client driven with the same commands. */
export class SessionPair {
  constructor(
    readonly redis: RedisConnection,
    readonly drake: TestClient,
  ) {}

  /** Runs one command on both and returns [redis reply, drake reply], raw. */
  async run(...argv: string[]): Promise<[string, string]> {
    const redis = await this.redis.call(...argv);
    return [redis, this.drake.run(...argv)];
  }
}

/**
 * The raw text of each element of an aggregate reply (the header skipped). For COMMAND INFO entries this lets
 * tests compare fields one by one.
 */
export function elements(raw: string): string[] {
  const eol = raw.indexOf('\r\n');
  const header = raw.slice(0, eol);
  const count = header[0] === '%' ? 2 * Number(header.slice(1)) : Number(header.slice(1));
  const out: string[] = [];
  let pos = eol + 2;
  for (let i = 0; i < count; i++) {
    const end = replyEnd(raw, pos);
    out.push(raw.slice(pos, end));
    pos = end;
  }
  return out;
}

/** The fields of a CLIENT LIST/INFO line, in order. */
export function clientFields(line: string): string[] {
  return line
    .trim()
    .split(' ')
    .map((f) => f.slice(0, f.indexOf('=')));
}

/** The text inside a bulk or verbatim string reply (verbatim's "txt:" prefix dropped). */
export function bulkText(raw: string): string {
  const body = raw.slice(raw.indexOf('\r\n') + 2, -2);
  return raw[0] === '=' ? body.slice(4) : body;
}
