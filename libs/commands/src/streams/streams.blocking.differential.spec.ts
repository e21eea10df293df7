/**
 * Differential test of XREAD/XREADGROUP BLOCK against a real redis-server 7.0: client A blocks, client B changes
 * keys, and A's eventual reply must be the same bytes on both sides, in RESP2 and RESP3. `read` steps compare A's
 * reply at that point; a wrong early wake-up shows as a different reply (e.g. an empty entry list). Only replies
 * without times are compared (XPENDING summary, XINFO GROUPS), so no normalization is needed.
 */
import { keyCommands } from '../keys';
import { stringCommands } from '../strings';
import { transactionCommands } from '../transactions';
import { TestServer, type TestClient } from '../testing/test-server';
import { PROTOCOLS, RedisFixture, type Protocol } from '../testing/differential';
import { redisAvailable, replyEnd, type RedisConnection } from '../testing/redis-oracle';
import { streamCommands } from './index';

const describeWithRedis = redisAvailable('streams.blocking.differential.spec') ? describe : describe.skip;

const COMMANDS = [...stringCommands, ...keyCommands, ...transactionCommands, ...streamCommands];

/** `A …`/`B …` run a command as that client; `read` compares A's pending reply; `sleep N` waits N ms. */
type Step = string;

const CASES: Step[][] = [
  ['A XREAD BLOCK 0 STREAMS s $', 'B XADD s 1-1 a 1', 'read'],
  ['B XADD s 1-1 a 1', 'A XREAD BLOCK 0 STREAMS s $', 'B XADD s 2-1 b 2', 'read'],
  ['B XADD s 1-1 a 1', 'A XREAD BLOCK 0 STREAMS s 0', 'read'],
  ['A XREAD BLOCK 0 COUNT 1 STREAMS s1 s2 $ $', 'B XADD s2 1-1 a 1', 'read'],
  ['A XREAD BLOCK 0 STREAMS s 5-0', 'B XADD s 3-1 a 1', 'B XADD s 6-1 a 2', 'read'],
  [
    'A XREAD BLOCK 0 COUNT 2 STREAMS s $',
    'B MULTI',
    'B XADD s 1-1 a 1',
    'B XADD s 2-1 a 2',
    'B XADD s 3-1 a 3',
    'B EXEC',
    'read',
  ],
  ['A XREAD BLOCK 0 STREAMS s $', 'B SET s x', 'B DEL s', 'B XADD s 4-1 a 1', 'read'],
  ['A XREAD BLOCK 100 STREAMS s $', 'sleep 250', 'read'],
  ['A XREAD BLOCK 100 STREAMS s 0', 'sleep 250', 'B XADD s 1-1 a 1', 'A XLEN s', 'read'],
  // Tombstones: the key is "ready" only on XADD-like signals, not on XDEL.
  [
    'B XADD s 1-1 a 1',
    'B XADD s 2-1 a 2',
    'B XDEL s 2-1',
    'A XREAD BLOCK 0 STREAMS s 1-1',
    'B XDEL s 1-1',
    'B XADD s 3-1 a 3',
    'read',
  ],
  [
    'B XADD s 1-1 a 1',
    'B XADD s 2-1 a 2',
    'B XDEL s 2-1',
    'A XREAD BLOCK 0 STREAMS s 1-1',
    'B XGROUP CREATE s g 0',
    'B XGROUP DESTROY s g',
    'read',
  ],
  // XREADGROUP
  [
    'B XGROUP CREATE s g $ MKSTREAM',
    'A XREADGROUP GROUP g c BLOCK 0 STREAMS s >',
    'B XADD s 1-1 a 1',
    'read',
    'B XPENDING s g',
  ],
  [
    'B XGROUP CREATE s g $ MKSTREAM',
    'A XREADGROUP GROUP g c BLOCK 0 NOACK STREAMS s >',
    'B XADD s 1-1 a 1',
    'read',
    'B XPENDING s g',
    'B XINFO GROUPS s',
  ],
  [
    'B XGROUP CREATE s g $ MKSTREAM',
    'A XREADGROUP GROUP g c BLOCK 0 STREAMS s >',
    'B XGROUP DESTROY s g',
    'read',
  ],
  ['B XGROUP CREATE s g $ MKSTREAM', 'A XREADGROUP GROUP g c BLOCK 0 STREAMS s >', 'B DEL s', 'read'],
  ['B XGROUP CREATE s g $ MKSTREAM', 'A XREADGROUP GROUP g c BLOCK 0 STREAMS s >', 'B SET s x', 'read'],
  [
    'B XGROUP CREATE s g $ MKSTREAM',
    'A XREADGROUP GROUP g c BLOCK 0 STREAMS s >',
    'B XADD s 1-1 a 1',
    'read',
    'A XREADGROUP GROUP g c BLOCK 0 STREAMS s >',
    'B XGROUP SETID s g 0',
    'B XADD s 2-1 a 2',
    'read',
  ],
  [
    'B XGROUP CREATE s g $ MKSTREAM',
    'A XREADGROUP GROUP g c BLOCK 0 STREAMS s >',
    'B XGROUP CREATECONSUMER s g other',
    'B XTRIM s MAXLEN 0',
    'B XADD s 1-1 a 1',
    'read',
    'B XINFO GROUPS s',
    'B XPENDING s g',
  ],
  [
    'B XGROUP CREATE s g $ MKSTREAM',
    'A XREADGROUP GROUP g c BLOCK 100 STREAMS s >',
    'sleep 250',
    'read',
    'B XINFO GROUPS s',
  ],
  // Inside MULTI a blocking read answers at once, as a timeout.
  ['A MULTI', 'A XREAD BLOCK 0 STREAMS s $', 'A EXEC'],
  ['B XGROUP CREATE s g $ MKSTREAM', 'A MULTI', 'A XREADGROUP GROUP g c BLOCK 0 STREAMS s >', 'A EXEC'],
];

/** Two blocked readers of one group, COUNT 1: served in the order they blocked, one entry each. */
const TWO_READERS: Step[] = [
  'B XGROUP CREATE s g $ MKSTREAM',
  'A XREADGROUP GROUP g a COUNT 1 BLOCK 0 STREAMS s >',
  'C XREADGROUP GROUP g c COUNT 1 BLOCK 0 STREAMS s >',
  'B MULTI',
  'B XADD s 1-1 a 1',
  'B XADD s 2-1 a 2',
  'B EXEC',
  'read',
  'readC',
  'B XPENDING s g',
];

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface Side {
  redis: Record<string, RedisConnection>;
  drake: Record<string, DrakeStream>;
}

/** A Drake client's replies as one ordered byte stream, read one reply at a time like a socket. */
class DrakeStream {
  private buffered = '';

  constructor(readonly client: TestClient) {}

  /** Runs a command; its reply (if any yet) joins the stream. */
  run(argv: string[]): void {
    this.buffered += this.client.run(...argv);
  }

  /** The next complete reply, or '(nothing)' when none has been written. */
  next(): string {
    this.buffered += this.client.reply.take()?.toString('latin1') ?? '';
    const end = replyEnd(this.buffered, 0);
    if (this.buffered.length === 0 || end < 0) return '(nothing)';
    const reply = this.buffered.slice(0, end);
    this.buffered = this.buffered.slice(end);
    return reply;
  }
}

/** Runs a script on both sides; returns the transcripts (Redis, Drake) of every reply read. */
async function runScript(
  oracle: RedisFixture,
  steps: Step[],
  protocol: Protocol,
): Promise<[string[], string[]]> {
  const server = new TestServer(COMMANDS, undefined, { now: () => Date.now() });
  const side: Side = { redis: {}, drake: {} };
  for (const who of ['A', 'B', 'C']) {
    const conn = await oracle.session();
    await conn.call('HELLO', String(protocol));
    side.redis[who] = conn;
    const client = server.connect();
    client.reply.protocol = protocol;
    side.drake[who] = new DrakeStream(client);
  }
  await side.redis.B.call('FLUSHALL');
  const redisOut: string[] = [];
  const drakeOut: string[] = [];
  for (const step of steps) {
    if (step.startsWith('sleep ')) {
      await sleep(Number(step.slice(6)));
      continue;
    }
    if (step === 'read' || step === 'readC') {
      const who = step === 'read' ? 'A' : 'C';
      redisOut.push(`${step}: ${await side.redis[who].next()}`);
      drakeOut.push(`${step}: ${side.drake[who].next()}`);
      continue;
    }
    const who = step[0];
    const argv = step.slice(2).split(' ');
    const drake = side.drake[who];
    if (argv.includes('BLOCK') && drake.client.multi === null) {
      // The reply comes now or later: a `read` step collects it.
      side.redis[who].post(...argv);
      drake.run(argv);
      // Redis must have parked the client before the next step's command arrives.
      await side.redis.B.call('PING');
      continue;
    }
    side.redis[who].post(...argv);
    drake.run(argv);
    redisOut.push(`${step}: ${await side.redis[who].next()}`);
    drakeOut.push(`${step}: ${drake.next()}`);
  }
  return [redisOut, drakeOut];
}

describeWithRedis('XREAD/XREADGROUP BLOCK vs redis-server 7.0', () => {
  const oracle = new RedisFixture();
  beforeAll(() => oracle.start(), 15_000);
  afterAll(() => oracle.stop());

  for (const protocol of PROTOCOLS) {
    describe(`RESP${protocol}`, () => {
      test.each(CASES.map((c) => [c.join(' ; '), c]))('%s', async (_name, steps) => {
        const [redis, drake] = await runScript(oracle, steps, protocol);
        expect(drake).toEqual(redis);
      });

      test('two readers of one group are served in blocking order', async () => {
        const [redis, drake] = await runScript(oracle, TWO_READERS, protocol);
        expect(drake).toEqual(redis);
      });
    });
  }
});
