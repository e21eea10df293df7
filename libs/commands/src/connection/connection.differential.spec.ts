import { TestServer } from '../testing/test-server';
import { allCommands } from '../all-commands';
import { ConfigRegistry } from '../server/config-registry';
import { redisAvailable } from '../testing/redis-oracle';
import { RedisFixture, SessionPair, bulkText, clientFields } from '../testing/differential';

/** Compares Drake's connection commands with a real redis-server 7.0, byte for byte where replies are deterministic. */
const describeWithRedis = redisAvailable('connection.differential.spec') ? describe : describe.skip;

describeWithRedis('connection commands against redis-server', () => {
  const oracle = new RedisFixture();
  jest.setTimeout(30000);
  beforeAll(() => oracle.start());
  afterAll(() => oracle.stop());

  const pair = (server = new TestServer(allCommands, new ConfigRegistry())): Promise<SessionPair> =>
    oracle.pair(server);

  async function same(p: SessionPair, ...argv: string[]): Promise<void> {
    const [redis, drake] = await p.run(...argv);
    expect({ argv, reply: drake }).toEqual({ argv, reply: redis });
  }

  const DETERMINISTIC: string[][] = [
    ['PING'],
    ['PING', 'hello world'],
    ['PING', 'a', 'b'],
    ['ECHO', '\x00\xff binary'],
    ['ECHO'],
    ['ECHO', 'a', 'b'],
    ['SELECT', '15'],
    ['SELECT', '16'],
    ['SELECT', '-1'],
    ['SELECT', 'x'],
    ['SELECT', '99999999999'],
    ['SELECT', '0'],
    ['AUTH', 'x'],
    ['AUTH', 'default', 'x'],
    ['AUTH', 'nobody', 'x'],
    ['AUTH', 'a', 'b', 'c'],
    ['AUTH'],
    ['HELLO', '4'],
    ['HELLO', '1'],
    ['HELLO', 'x'],
    ['HELLO', '03'],
    ['HELLO', '3', 'foo'],
    ['HELLO', '3', 'AUTH', 'default'],
    ['HELLO', '2', 'SETNAME'],
    ['HELLO', '3', 'SETNAME', 'a b'],
    ['HELLO', '3', 'AUTH', 'nobody', 'x'],
    ['CLIENT'],
    ['CLIENT', 'FOO'],
    ['CLIENT', 'ID', 'x'],
    ['CLIENT', 'GETNAME'],
    ['CLIENT', 'GETNAME', 'x'],
    ['CLIENT', 'SETNAME'],
    ['CLIENT', 'SETNAME', 'a b'],
    ['CLIENT', 'SETNAME', 'a\n'],
    ['CLIENT', 'SETNAME', 'caf\xe9'],
    ['CLIENT', 'SETNAME', 'n~!'],
    ['CLIENT', 'GETNAME'],
    ['CLIENT', 'SETNAME', ''],
    ['CLIENT', 'GETNAME'],
    ['CLIENT', 'INFO', 'x'],
    ['CLIENT', 'LIST', 'TYPE', 'x'],
    ['CLIENT', 'LIST', 'TYPE', 'master'],
    ['CLIENT', 'LIST', 'TYPE', 'replica'],
    ['CLIENT', 'LIST', 'TYPE', 'slave'],
    ['CLIENT', 'LIST', 'TYPE', 'pubsub'],
    ['CLIENT', 'LIST', 'ID', '1', 'x'],
    ['CLIENT', 'LIST', 'ID', '999999'],
    ['CLIENT', 'LIST', 'ID'],
    ['CLIENT', 'LIST', 'foo'],
    ['CLIENT', 'LIST', 'TYPE', 'normal', 'x'],
    ['CLIENT', 'KILL'],
    ['CLIENT', 'KILL', '1.2.3.4:5'],
    ['CLIENT', 'KILL', 'ID'],
    ['CLIENT', 'KILL', 'ID', 'x'],
    ['CLIENT', 'KILL', 'ID', '0'],
    ['CLIENT', 'KILL', 'ID', '-5'],
    ['CLIENT', 'KILL', 'ID', '99999'],
    ['CLIENT', 'KILL', 'TYPE', 'x'],
    ['CLIENT', 'KILL', 'TYPE', 'master'],
    ['CLIENT', 'KILL', 'TYPE', 'pubsub'],
    ['CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'maybe'],
    ['CLIENT', 'KILL', 'ADDR', '1.2.3.4:5'],
    ['CLIENT', 'KILL', 'LADDR', '1.2.3.4:5'],
    ['CLIENT', 'KILL', 'USER', 'bob'],
    ['CLIENT', 'KILL', 'FOO', 'bar'],
    ['CLIENT', 'KILL', 'ID', '1', 'ID'],
    ['CLIENT', 'KILL', 'a', 'b', 'c'],
    ['CLIENT', 'KILL', 'MAXAGE', '10'],
    ['CLIENT', 'NO-EVICT'],
    ['CLIENT', 'NO-EVICT', 'x'],
    ['CLIENT', 'NO-EVICT', 'on'],
    ['CLIENT', 'NO-EVICT', 'OFF'],
    ['CLIENT', 'REPLY'],
    ['CLIENT', 'REPLY', 'x'],
    ['CLIENT', 'REPLY', 'ON'],
    ['CLIENT', 'HELP', 'x'],
  ];

  for (const protocol of ['2', '3']) {
    it(`answers the same in RESP${protocol}`, async () => {
      const p = await pair();
      const [redisHello, drakeHello] = await p.run('HELLO', protocol);
      expect([redisHello[0], drakeHello[0]]).toEqual(protocol === '3' ? ['%', '%'] : ['*', '*']);
      for (const argv of DETERMINISTIC) await same(p, ...argv);
    });
  }

  it('HELLO has the same shape, the id aside', async () => {
    for (const argv of [['HELLO'], ['HELLO', '3'], ['HELLO', '2'], ['HELLO', '3', 'SETNAME', 'app']]) {
      const p = await pair();
      const [redis, drake] = await p.run(...argv);
      const mask = (s: string): string => s.replace(/\$2\r\nid\r\n:\d+\r\n/, '$2\r\nid\r\n:ID\r\n');
      expect(mask(drake)).toBe(mask(redis));
    }
  });

  it('CLIENT LIST and CLIENT INFO have the same fields in the same order, in both protocols', async () => {
    const p = await pair();
    for (const protocol of ['2', '3']) {
      await p.run('HELLO', protocol);
      await p.run('CLIENT', 'SETNAME', 'me');
      for (const argv of [
        ['CLIENT', 'INFO'],
        ['CLIENT', 'LIST', 'ID', '0'],
      ]) {
        const [redis, drake] = await p.run(...argv);
        expect(drake[0]).toBe(redis[0]);
      }
      const [redisInfo, drakeInfo] = await p.run('CLIENT', 'INFO');
      expect(clientFields(bulkText(drakeInfo))).toEqual(clientFields(bulkText(redisInfo)));
      expect(bulkText(drakeInfo).endsWith('\n')).toBe(true);
      const pick = (line: string, f: string): string | undefined =>
        line.split(' ').find((x) => x.startsWith(f + '='));
      for (const f of [
        'name',
        'idle',
        'flags',
        'db',
        'sub',
        'multi',
        'argv-mem',
        'cmd',
        'user',
        'redir',
        'resp',
      ])
        expect(pick(bulkText(drakeInfo), f)).toBe(pick(bulkText(redisInfo), f));
    }
  });

  it('CLIENT REPLY OFF/SKIP/ON suppress the same replies', async () => {
    const p = await pair();
    const script = [
      ['CLIENT', 'REPLY', 'OFF'],
      ['PING'],
      ['CLIENT', 'REPLY', 'SKIP'],
      ['ECHO', 'x'],
      ['CLIENT', 'REPLY', 'ON'],
      ['CLIENT', 'REPLY', 'SKIP'],
      ['PING'],
      ['ECHO', 'visible'],
      ['CLIENT', 'REPLY', 'SKIP'],
      ['CLIENT', 'REPLY', 'bad'],
      ['PING'],
      ['CLIENT', 'REPLY', 'SKIP'],
      ['CLIENT', 'REPLY', 'SKIP'],
      ['PING'],
      ['CLIENT', 'REPLY', 'SKIP'],
      ['CLIENT', 'REPLY', 'ON'],
      ['CLIENT', 'REPLY', 'OFF'],
      ['CLIENT', 'REPLY', 'SKIP'],
      ['PING'],
      ['CLIENT', 'REPLY', 'ON'],
      ['ECHO', 'end'],
    ];
    // Suppressed replies never arrive from Redis: send everything, then read until the closing ECHO.
    let drake = '';
    for (const argv of script) {
      p.redis.post(...argv);
      drake += p.drake.run(...argv);
    }
    let redis = '';
    while (!redis.endsWith('$3\r\nend\r\n')) redis += await p.redis.next();
    expect(drake).toBe(redis);
  });

  it('RESET answers +RESET and restores RESP2, db 0 and no name', async () => {
    const p = await pair();
    for (const argv of [
      ['HELLO', '3'],
      ['SELECT', '3'],
      ['CLIENT', 'SETNAME', 'n'],
      ['CLIENT', 'NO-EVICT', 'on'],
      ['RESET'],
      ['CLIENT', 'GETNAME'],
      ['RESET', 'x'],
    ]) {
      const [redis, drake] = await p.run(...argv);
      if (argv[0] !== 'HELLO') expect(drake).toBe(redis);
    }
    const [redis, drake] = await p.run('CLIENT', 'INFO');
    const pick = (s: string): string[] =>
      bulkText(s)
        .split(' ')
        .filter((f) => /^(db|name|flags|resp)=/.test(f));
    expect(pick(drake)).toEqual(pick(redis));
  });

  it('requirepass: NOAUTH, AUTH and HELLO AUTH behave the same', async () => {
    const admin = await oracle.session();
    expect(await admin.call('CONFIG', 'SET', 'requirepass', 'sekret')).toBe('+OK\r\n');
    try {
      const server = new TestServer(allCommands, new ConfigRegistry());
      server.password = 'sekret';
      const p = await pair(server);
      for (const argv of [
        ['PING'],
        ['ECHO', 'a'],
        ['CLIENT', 'ID'],
        ['SELECT', '1'],
        ['HELLO'],
        ['HELLO', '3'],
        ['HELLO', '3', 'SETNAME', 'x'],
        ['HELLO', '3', 'AUTH', 'default', 'bad'],
        ['HELLO', '9', 'AUTH', 'default', 'bad'],
        ['AUTH', 'bad'],
        ['AUTH', 'default', 'bad'],
        ['AUTH', 'DEFAULT', 'sekret'],
        ['RESET'],
        ['AUTH', 'sekret'],
        ['PING'],
        ['AUTH', 'bad'],
        ['PING'],
        ['RESET'],
        ['PING'],
        ['AUTH', 'default', 'sekret'],
        ['ECHO', 'in'],
      ])
        await same(p, ...argv);
      const [redis, drake] = await p.run('HELLO', '3', 'AUTH', 'default', 'sekret');
      expect(drake.replace(/:\d+\r\n\$4\r\nmode/, '')).toBe(redis.replace(/:\d+\r\n\$4\r\nmode/, ''));
    } finally {
      await admin.call('AUTH', 'sekret');
      await admin.call('CONFIG', 'SET', 'requirepass', '');
    }
  });
});
