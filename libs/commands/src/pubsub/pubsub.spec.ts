import { TestServer, type TestClient } from '../testing/test-server';
import { ConfigRegistry } from '../server/config-registry';
import { serverCommands } from '../server';
import { connectionCommands } from '../connection';
import { stringCommands } from '../strings';
import { pubsubCommands } from '.';

function setup(): TestServer {
  return new TestServer(
    [...connectionCommands, ...serverCommands, ...stringCommands, ...pubsubCommands],
    new ConfigRegistry(),
  );
}

/** Whatever was written to a client outside its own commands (published messages). */
function drain(c: TestClient): string {
  return c.reply.take()?.toString('latin1') ?? '';
}

const bulk = (s: string): string => `$${s.length}\r\n${s}\r\n`;
const frame = (head: string, ...items: (string | number | null)[]): string =>
  head +
  items
    .map((i) =>
      i === null ? (head[0] === '>' ? '_\r\n' : '$-1\r\n') : typeof i === 'number' ? `:${i}\r\n` : bulk(i),
    )
    .join('');
const sub2 = (...items: (string | number | null)[]): string => frame(`*${items.length}\r\n`, ...items);
const push = (...items: (string | number | null)[]): string => frame(`>${items.length}\r\n`, ...items);

describe('SUBSCRIBE / UNSUBSCRIBE', () => {
  it('confirms each channel with the running count, repeats included', () => {
    const c = setup().connect();
    expect(c.run('SUBSCRIBE', 'a', 'b', 'a')).toBe(
      sub2('subscribe', 'a', 1) + sub2('subscribe', 'b', 2) + sub2('subscribe', 'a', 2),
    );
    expect(c.run('UNSUBSCRIBE', 'a', 'zz')).toBe(sub2('unsubscribe', 'a', 1) + sub2('unsubscribe', 'zz', 1));
    expect(c.run('UNSUBSCRIBE')).toBe(sub2('unsubscribe', 'b', 0));
  });

  it('answers a mass unsubscribe from nothing with a null name and the remaining count', () => {
    const c = setup().connect();
    expect(c.run('UNSUBSCRIBE')).toBe(sub2('unsubscribe', null, 0));
    expect(c.run('PUNSUBSCRIBE')).toBe(sub2('punsubscribe', null, 0));
    expect(c.run('SUNSUBSCRIBE')).toBe(sub2('sunsubscribe', null, 0));
    c.run('PSUBSCRIBE', 'p*');
    expect(c.run('UNSUBSCRIBE')).toBe(sub2('unsubscribe', null, 1));
    expect(c.run('SUNSUBSCRIBE')).toBe(sub2('sunsubscribe', null, 0));
  });

  it('sends push frames in RESP3 (null as _)', () => {
    const c = setup().connect();
    c.run('HELLO', '3');
    expect(c.run('SUBSCRIBE', 'a')).toBe(push('subscribe', 'a', 1));
    expect(c.run('UNSUBSCRIBE', 'a')).toBe(push('unsubscribe', 'a', 0));
    expect(c.run('UNSUBSCRIBE')).toBe(push('unsubscribe', null, 0));
  });

  it('unsubscribes everything in subscription order', () => {
    const c = setup().connect();
    c.run('SUBSCRIBE', 'z', 'a', 'm');
    expect(c.run('UNSUBSCRIBE')).toBe(
      sub2('unsubscribe', 'z', 2) + sub2('unsubscribe', 'a', 1) + sub2('unsubscribe', 'm', 0),
    );
    expect(c.subscriptions).toBeNull();
  });

  it('checks arity', () => {
    const c = setup().connect();
    expect(c.run('SUBSCRIBE')).toBe("-ERR wrong number of arguments for 'subscribe' command\r\n");
    expect(c.run('PSUBSCRIBE')).toBe("-ERR wrong number of arguments for 'psubscribe' command\r\n");
    expect(c.run('SSUBSCRIBE')).toBe("-ERR wrong number of arguments for 'ssubscribe' command\r\n");
    expect(c.run('PUBLISH', 'a')).toBe("-ERR wrong number of arguments for 'publish' command\r\n");
    expect(c.run('SPUBLISH', 'a', 'b', 'c')).toBe(
      "-ERR wrong number of arguments for 'spublish' command\r\n",
    );
  });
});

describe('PSUBSCRIBE / PUNSUBSCRIBE', () => {
  it('counts channels and patterns together', () => {
    const c = setup().connect();
    c.run('SUBSCRIBE', 'a');
    expect(c.run('PSUBSCRIBE', 'n*', 'n*', 'x?')).toBe(
      sub2('psubscribe', 'n*', 2) + sub2('psubscribe', 'n*', 2) + sub2('psubscribe', 'x?', 3),
    );
    expect(c.run('PUNSUBSCRIBE')).toBe(sub2('punsubscribe', 'n*', 2) + sub2('punsubscribe', 'x?', 1));
    expect(c.run('PUNSUBSCRIBE', 'n*')).toBe(sub2('punsubscribe', 'n*', 1));
  });
});

describe('PUBLISH', () => {
  it('delivers to channel subscribers in subscription order and counts them', () => {
    const server = setup();
    const [s1, s2, p] = [server.connect(), server.connect(), server.connect()];
    s2.run('SUBSCRIBE', 'news');
    s1.run('SUBSCRIBE', 'news');
    const flushes = [jest.spyOn(s1.transport, 'scheduleFlush'), jest.spyOn(s2.transport, 'scheduleFlush')];
    expect(p.run('PUBLISH', 'news', 'hi\r\n\x00\xff')).toBe(':2\r\n');
    expect(drain(s1)).toBe(sub2('message', 'news', 'hi\r\n\x00\xff'));
    expect(drain(s2)).toBe(sub2('message', 'news', 'hi\r\n\x00\xff'));
    for (const f of flushes) expect(f).toHaveBeenCalledTimes(1);
    expect(p.run('PUBLISH', 'other', 'x')).toBe(':0\r\n');
  });

  it('counts one delivery per matching pattern, after the channel message', () => {
    const server = setup();
    const [s, p] = [server.connect(), server.connect()];
    s.run('SUBSCRIBE', 'news.tech');
    s.run('PSUBSCRIBE', 'news.*', '*', 'sport.*');
    expect(p.run('PUBLISH', 'news.tech', 'm')).toBe(':3\r\n');
    expect(drain(s)).toBe(
      sub2('message', 'news.tech', 'm') +
        sub2('pmessage', 'news.*', 'news.tech', 'm') +
        sub2('pmessage', '*', 'news.tech', 'm'),
    );
  });

  it('uses Redis glob rules for patterns', () => {
    const server = setup();
    const [s, p] = [server.connect(), server.connect()];
    s.run('PSUBSCRIBE', 'h?llo', 'h[^e]llo', 'a\\*b');
    expect(p.run('PUBLISH', 'hello', '1')).toBe(':1\r\n');
    expect(p.run('PUBLISH', 'hallo', '2')).toBe(':2\r\n');
    expect(p.run('PUBLISH', 'a*b', '3')).toBe(':1\r\n');
    expect(p.run('PUBLISH', 'axb', '4')).toBe(':0\r\n');
  });

  it('writes pushes in each receiver’s own protocol', () => {
    const server = setup();
    const [r2, r3, p] = [server.connect(), server.connect(), server.connect()];
    r3.run('HELLO', '3');
    r2.run('PSUBSCRIBE', 'c*');
    r3.run('PSUBSCRIBE', 'c*');
    r3.run('SUBSCRIBE', 'ch');
    expect(p.run('PUBLISH', 'ch', 'v')).toBe(':3\r\n');
    expect(drain(r2)).toBe(sub2('pmessage', 'c*', 'ch', 'v'));
    expect(drain(r3)).toBe(push('message', 'ch', 'v') + push('pmessage', 'c*', 'ch', 'v'));
  });

  it('lets a RESP3 client publish to itself: the push comes before the reply', () => {
    const c = setup().connect();
    c.run('HELLO', '3');
    c.run('SUBSCRIBE', 'me');
    expect(c.run('PUBLISH', 'me', 'x')).toBe(push('message', 'me', 'x') + ':1\r\n');
  });

  it('does not reach shard subscribers, and SPUBLISH reaches only them', () => {
    const server = setup();
    const [s, p] = [server.connect(), server.connect()];
    s.run('SSUBSCRIBE', 'ch');
    s.run('PSUBSCRIBE', '*');
    drain(s);
    expect(p.run('PUBLISH', 'ch', 'a')).toBe(':1\r\n');
    expect(drain(s)).toBe(sub2('pmessage', '*', 'ch', 'a'));
    expect(p.run('SPUBLISH', 'ch', 'b')).toBe(':1\r\n');
    expect(drain(s)).toBe(sub2('smessage', 'ch', 'b'));
    expect(p.run('SPUBLISH', 'nobody', 'b')).toBe(':0\r\n');
  });
});

describe('SSUBSCRIBE / SUNSUBSCRIBE', () => {
  it('counts shard channels on their own', () => {
    const c = setup().connect();
    c.run('SUBSCRIBE', 'a', 'b');
    expect(c.run('SSUBSCRIBE', 's1', 's2')).toBe(sub2('ssubscribe', 's1', 1) + sub2('ssubscribe', 's2', 2));
    expect(c.run('SUNSUBSCRIBE', 's1')).toBe(sub2('sunsubscribe', 's1', 1));
    expect(c.run('SUNSUBSCRIBE')).toBe(sub2('sunsubscribe', 's2', 0));
    expect(c.subscriptions).not.toBeNull();
  });

  it('is refused inside EXEC (Redis: a DENY BLOCKING client)', () => {
    const c = setup().connect();
    c.inExec = true;
    expect(c.run('SSUBSCRIBE', 's')).toBe("-ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client\r\n");
    expect(c.run('SUBSCRIBE', 's')).toBe(sub2('subscribe', 's', 1));
    c.inExec = false;
  });
});

describe('RESP2 subscriber mode', () => {
  const refused = (name: string): string =>
    `-ERR Can't execute '${name}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed ` +
    'in this context\r\n';

  it('refuses all but the pub/sub commands, PING, QUIT and RESET', () => {
    const c = setup().connect();
    c.run('SUBSCRIBE', 'a');
    expect(c.run('GET', 'k')).toBe(refused('get'));
    expect(c.run('CLIENT', 'LIST')).toBe(refused('client|list'));
    expect(c.run('PUBSUB', 'NUMSUB')).toBe(refused('pubsub|numsub'));
    expect(c.run('PUBLISH', 'a', 'b')).toBe(refused('publish'));
    expect(c.run('HELLO', '3')).toBe(refused('hello'));
    // Unknown commands and arity errors come first.
    expect(c.run('NOPE')).toBe("-ERR unknown command 'NOPE', with args beginning with: \r\n");
    expect(c.run('GET')).toBe("-ERR wrong number of arguments for 'get' command\r\n");
    expect(c.run('PSUBSCRIBE', 'x')).toBe(sub2('psubscribe', 'x', 2));
    expect(c.run('SSUBSCRIBE', 'x')).toBe(sub2('ssubscribe', 'x', 1));
  });

  it('answers PING as an array', () => {
    const c = setup().connect();
    c.run('SUBSCRIBE', 'a');
    expect(c.run('PING')).toBe(sub2('pong', ''));
    expect(c.run('PING', 'hi')).toBe(sub2('pong', 'hi'));
    expect(c.run('PING', 'a', 'b')).toBe("-ERR wrong number of arguments for 'ping' command\r\n");
  });

  it('ends when the last subscription (of any kind) goes', () => {
    const c = setup().connect();
    c.run('SUBSCRIBE', 'a');
    c.run('SSUBSCRIBE', 's');
    c.run('UNSUBSCRIBE');
    expect(c.run('PING')).toBe(sub2('pong', ''));
    c.run('SUNSUBSCRIBE', 's');
    expect(c.run('PING')).toBe('+PONG\r\n');
    expect(c.run('GET', 'k')).toBe('$-1\r\n');
  });

  it('does not apply to RESP3, and applies again after HELLO 2', () => {
    const c = setup().connect();
    c.run('HELLO', '3');
    c.run('SUBSCRIBE', 'a');
    expect(c.run('GET', 'k')).toBe('_\r\n');
    expect(c.run('PING')).toBe('+PONG\r\n');
    c.run('HELLO', '2');
    expect(c.run('GET', 'k')).toBe(refused('get'));
  });

  it('QUIT is allowed', () => {
    const c = setup().connect();
    c.run('SUBSCRIBE', 'a');
    expect(c.run('QUIT')).toBe('+OK\r\n');
    expect(c.closed).toBe(true);
  });
});

describe('RESET and disconnect', () => {
  it('RESET drops every subscription silently', () => {
    const server = setup();
    const [c, p] = [server.connect(), server.connect()];
    c.run('SUBSCRIBE', 'a');
    c.run('PSUBSCRIBE', 'a*');
    c.run('SSUBSCRIBE', 's');
    expect(c.run('RESET')).toBe('+RESET\r\n');
    expect(c.subscriptions).toBeNull();
    expect(p.run('PUBLISH', 'a', 'x')).toBe(':0\r\n');
    expect(p.run('SPUBLISH', 's', 'x')).toBe(':0\r\n');
    expect(p.run('PUBSUB', 'NUMPAT')).toBe(':0\r\n');
    expect(drain(c)).toBe('');
  });

  it('release() on disconnect removes the client everywhere, and is idempotent', () => {
    const server = setup();
    const [c, other, p] = [server.connect(), server.connect(), server.connect()];
    c.run('SUBSCRIBE', 'a', 'b');
    c.run('PSUBSCRIBE', '*');
    other.run('SUBSCRIBE', 'a');
    c.release();
    c.release();
    expect(p.run('PUBSUB', 'NUMSUB', 'a', 'b')).toBe(sub2('a', 1, 'b', 0));
    expect(p.run('PUBSUB', 'NUMPAT')).toBe(':0\r\n');
    expect(p.run('PUBLISH', 'a', 'x')).toBe(':1\r\n');
    expect(drain(c)).toBe('');
  });
});

describe('PUBSUB', () => {
  it('CHANNELS lists active channels, optionally by pattern', () => {
    const server = setup();
    const [a, b, q] = [server.connect(), server.connect(), server.connect()];
    a.run('SUBSCRIBE', 'news.1', 'news.2', 'sport');
    b.run('SUBSCRIBE', 'news.1');
    b.run('PSUBSCRIBE', 'x*');
    b.run('SSUBSCRIBE', 'shard.1');
    expect(q.run('PUBSUB', 'CHANNELS')).toBe(sub2('news.1', 'news.2', 'sport'));
    expect(q.run('PUBSUB', 'channels', 'news.*')).toBe(sub2('news.1', 'news.2'));
    expect(q.run('PUBSUB', 'CHANNELS', 'none*')).toBe('*0\r\n');
    expect(q.run('PUBSUB', 'SHARDCHANNELS')).toBe(sub2('shard.1'));
    expect(q.run('PUBSUB', 'SHARDCHANNELS', 'news*')).toBe('*0\r\n');
    expect(q.run('PUBSUB', 'channels', 'a', 'b')).toBe(
      "-ERR unknown subcommand or wrong number of arguments for 'channels'. Try PUBSUB HELP.\r\n",
    );
    expect(q.run('PUBSUB', 'SHARDCHANNELS', 'a', 'b')).toBe(
      "-ERR unknown subcommand or wrong number of arguments for 'SHARDCHANNELS'. Try PUBSUB HELP.\r\n",
    );
  });

  it('NUMSUB / SHARDNUMSUB echo the names asked for with channel subscriber counts', () => {
    const server = setup();
    const [a, b, q] = [server.connect(), server.connect(), server.connect()];
    a.run('SUBSCRIBE', 'c1');
    b.run('SUBSCRIBE', 'c1');
    b.run('PSUBSCRIBE', 'c*');
    a.run('SSUBSCRIBE', 'c1');
    expect(q.run('PUBSUB', 'NUMSUB', 'c1', 'c2', 'c1')).toBe(sub2('c1', 2, 'c2', 0, 'c1', 2));
    expect(q.run('PUBSUB', 'NUMSUB')).toBe('*0\r\n');
    expect(q.run('PUBSUB', 'SHARDNUMSUB', 'c1', 'x')).toBe(sub2('c1', 1, 'x', 0));
    q.run('HELLO', '3');
    expect(q.run('PUBSUB', 'NUMSUB', 'c1')).toBe(sub2('c1', 2));
  });

  it('NUMPAT counts distinct patterns', () => {
    const server = setup();
    const [a, b, q] = [server.connect(), server.connect(), server.connect()];
    a.run('PSUBSCRIBE', 'p*', 'q*');
    b.run('PSUBSCRIBE', 'p*');
    expect(q.run('PUBSUB', 'NUMPAT')).toBe(':2\r\n');
    expect(q.run('PUBSUB', 'NUMPAT', 'x')).toBe(
      "-ERR wrong number of arguments for 'pubsub|numpat' command\r\n",
    );
  });

  it('HELP, unknown subcommands and arity', () => {
    const q = setup().connect();
    const help = q.run('PUBSUB', 'HELP');
    expect(
      help.startsWith('*14\r\n+PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n'),
    ).toBe(true);
    expect(help.endsWith('+HELP\r\n+    Prints this help.\r\n')).toBe(true);
    expect(q.run('PUBSUB')).toBe("-ERR wrong number of arguments for 'pubsub' command\r\n");
    expect(q.run('PUBSUB', 'foo')).toBe("-ERR unknown subcommand 'foo'. Try PUBSUB HELP.\r\n");
    expect(q.run('PUBSUB', 'HELP', 'x')).toBe("-ERR wrong number of arguments for 'pubsub|help' command\r\n");
  });
});

describe('introspection', () => {
  it('CLIENT LIST shows flag P and the subscription counts; TYPE pubsub selects subscribers', () => {
    const server = setup();
    const [s, q] = [server.connect(), server.connect()];
    s.run('HELLO', '3');
    s.run('SUBSCRIBE', 'a', 'b');
    s.run('PSUBSCRIBE', 'p');
    s.run('SSUBSCRIBE', 'x');
    const list = q.run('CLIENT', 'LIST');
    expect(list).toMatch(new RegExp(`id=${s.id} .* flags=P db=0 sub=2 psub=1 ssub=1 `));
    expect(list).toMatch(new RegExp(`id=${q.id} .* flags=N db=0 sub=0 psub=0 ssub=0 `));
    const pubsubOnly = q.run('CLIENT', 'LIST', 'TYPE', 'pubsub');
    expect(pubsubOnly).toMatch(new RegExp(`id=${s.id} `));
    expect(pubsubOnly).not.toMatch(new RegExp(`id=${q.id} `));
    expect(q.run('CLIENT', 'LIST', 'TYPE', 'normal')).not.toMatch(new RegExp(`id=${s.id} `));
  });

  it('INFO stats counts active channels, patterns and shard channels', () => {
    const server = setup();
    const [a, b, q] = [server.connect(), server.connect(), server.connect()];
    a.run('SUBSCRIBE', 'c1', 'c2');
    b.run('SUBSCRIBE', 'c1');
    b.run('PSUBSCRIBE', 'p*', 'q*');
    a.run('SSUBSCRIBE', 's');
    const info = q.run('INFO', 'stats');
    expect(info).toContain('pubsub_channels:2\r\npubsub_patterns:2\r\npubsubshard_channels:1\r\n');
  });
});
