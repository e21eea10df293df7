/**
 * SLOWLOG against a real redis-server 7.0: what gets logged (MULTI but not EXEC, the log's own subcommands,
 * trimmed and redacted arguments, max-len applied on the next entry), GET's counts and errors, HELP, RESET — in
 * RESP2 and RESP3. Entry ids, times, durations and client addresses differ between two servers: they are checked
 * for their shape and then replaced by placeholders; everything else must be equal byte for byte.
 */
import { allCommands } from '../all-commands';
import { ConfigRegistry } from '../server/config-registry';
import { PROTOCOLS, RedisFixture } from '../testing/differential';
import { parse, redisAvailable, type Reply } from '../testing/redis-oracle';
import { TestServer } from '../testing/test-server';

const describeWithRedis = redisAvailable('slowlog.differential.spec') ? describe : describe.skip;

const SEQUENCE: string[][] = [
  ['FLUSHALL'],
  ['CONFIG', 'SET', 'slowlog-log-slower-than', '0'],
  ['SLOWLOG', 'RESET'],
  ['CLIENT', 'SETNAME', 'tester'],
  ['SET', 'a', '1'],
  ['SADD', 's', ...Array.from({ length: 40 }, (_, i) => `m${i}`)],
  ['SET', 'big', 'v'.repeat(300)],
  ['MULTI'],
  ['INCR', 'a'],
  ['GET', 'a'],
  ['EXEC'],
  ['AUTH', 'nopass-configured'],
  ['HELLO', '3', 'AUTH', 'default', 'wrong'],
  ['CONFIG', 'SET', 'masterauth', 'hidden', 'slowlog-max-len', '128'],
  ['CONFIG', 'SET', 'nosuch', 'x', 'masteruser', 'hidden'],
  ['SLOWLOG', 'LEN'],
  ['SLOWLOG', 'GET'],
  ['SLOWLOG', 'GET', '2'],
  ['SLOWLOG', 'GET', '0'],
  ['SLOWLOG', 'GET', '-1'],
  ['SLOWLOG', 'GET', '-2'],
  ['SLOWLOG', 'GET', 'x'],
  ['SLOWLOG', 'GET', '1', '2'],
  ['SLOWLOG', 'LEN', 'x'],
  ['SLOWLOG', 'NOSUCH'],
  ['SLOWLOG'],
  ['SLOWLOG', 'HELP'],
  ['CONFIG', 'SET', 'slowlog-max-len', '2'],
  ['SLOWLOG', 'LEN'],
  ['PING'],
  ['SLOWLOG', 'GET', '-1'],
  ['CONFIG', 'SET', 'slowlog-log-slower-than', '-1'],
  ['PING'],
  ['SLOWLOG', 'LEN'],
  ['SLOWLOG', 'RESET'],
  ['SLOWLOG', 'GET'],
  [
    'CONFIG',
    'SET',
    'slowlog-log-slower-than',
    '10000',
    'slowlog-max-len',
    '128',
    'masterauth',
    '',
    'masteruser',
    '',
  ],
];

/** A SLOWLOG GET reply with ids made relative to the oldest shown, and time, duration and address as placeholders. */
function normalized(raw: string): string {
  const reply = parse(raw);
  if (reply.items === null || reply.items.some((e) => e.items === null || e.items.length !== 6)) return raw;
  const entries = reply.items as (Reply & { items: Reply[] })[];
  const ids = entries.map((e) => Number(e.items[0].v));
  const now = Date.now() / 1000;
  return JSON.stringify(
    entries.map((e) => {
      const [id, time, duration, argv, peer, name] = e.items;
      expect(Math.abs(Number(time.v) - now)).toBeLessThan(30);
      expect(duration.v).toMatch(/^\d+$/);
      expect(peer.v).toMatch(/:\d+$/);
      return [Number(id.v) - Math.min(...ids), (argv.items ?? []).map((a) => a.v), name.v];
    }),
  );
}

describeWithRedis('SLOWLOG: Drake vs redis-server', () => {
  const fixture = new RedisFixture();
  beforeAll(() => fixture.start());
  afterAll(() => fixture.stop());

  for (const protocol of PROTOCOLS) {
    it(`RESP${protocol}: the same entries and replies`, async () => {
      const redis = await fixture.session();
      const drake = new TestServer(allCommands, new ConfigRegistry()).connect();
      await redis.call('HELLO', String(protocol));
      drake.run('HELLO', String(protocol));
      const out: { redis: string[]; drake: string[] } = { redis: [], drake: [] };
      // HELLO's reply names the connection's id, which differs between the two servers.
      const sameId = (reply: string): string => reply.replace(/id\r\n:\d+/, 'id\r\n:N');
      for (const argv of SEQUENCE) {
        const [r, d] = [sameId(await redis.call(...argv)), sameId(drake.run(...argv))];
        const isGet = argv[0] === 'SLOWLOG' && argv[1] === 'GET' && r[0] === '*';
        out.redis.push(`${argv.slice(0, 4).join(' ')} -> ${isGet ? normalized(r) : JSON.stringify(r)}`);
        out.drake.push(`${argv.slice(0, 4).join(' ')} -> ${isGet ? normalized(d) : JSON.stringify(d)}`);
      }
      expect(out.drake).toEqual(out.redis);
    });
  }
});
