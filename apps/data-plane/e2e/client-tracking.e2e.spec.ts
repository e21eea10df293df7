import { redisAndSubjectForSpec } from './support/processes';
import { RawClient } from './support/raw-client';
import { freshClients, sameOnBoth } from './support/transcripts';

/**
 * CLIENT TRACKING over real sockets against redis-server 7.0: several clients run the same steps on both servers
 * and each connection's whole byte stream is compared (replies, invalidation pushes in RESP3, redirected
 * messages on __redis__:invalidate in RESP2, nulls after flushes, BCAST batches, broken redirects).
 */
jest.setTimeout(120_000);

const servers = redisAndSubjectForSpec();

/**
 * Waits for the messages a step caused on other connections (both servers send them in the same event-loop turn
 * as the reply): until no connection has received anything new for 10 ms, at least 20 ms, at most 1 s.
 */
async function settle(conns: readonly RawClient[]): Promise<void> {
  const bytes = (): number => conns.reduce((n, c) => n + c.pending().length, 0);
  const started = Date.now();
  let seen = bytes();
  for (;;) {
    await sleep(10);
    const now = bytes();
    const quiet = now === seen;
    seen = now;
    if ((quiet && Date.now() - started >= 20) || Date.now() - started > 1000) return;
  }
}
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `[client, ...command]`; `{id0}`… stand for that client's id on the server being driven; a bare number drains. */
type Step = readonly [number, ...string[]] | number;

/** Client ids differ between the servers: where a reply names one (HELLO, GETREDIR, TRACKINGINFO, a broken
 * redirect), it becomes `{idN}`. */
function withIdNames(frame: string, ids: readonly string[]): string {
  const name = (id: string): string => {
    const n = ids.indexOf(id);
    return n < 0 ? id : `{id${n}}`;
  };
  return frame
    .replace(/(\$2\r\nid\r\n:)(\d+)/g, (_, head: string, id: string) => head + name(id))
    .replace(/(\$8\r\nredirect\r\n:)(\d+)/g, (_, head: string, id: string) => head + name(id))
    .replace(/(tracking-redir-broken\r\n:)(\d+)/g, (_, head: string, id: string) => head + name(id))
    .replace(/^:(\d+)\r\n$/, (whole: string, id: string) => (ids.includes(id) ? `:${name(id)}\r\n` : whole));
}

/** The complete frames a client has received and not yet taken. */
async function takeFrames(client: RawClient): Promise<string[]> {
  const frames: string[] = [];
  while (client.pending().length > 0) frames.push((await client.readReply(1000)).toString('latin1'));
  return frames;
}

/** Runs the steps with `clients` fresh connections; returns what each connection received, step by step. */
async function transcript(port: number, clients: number, steps: readonly Step[]): Promise<string[][]> {
  const { admin, conns, ids } = await freshClients(port, clients);
  const out: string[][] = conns.map(() => []);
  try {
    for (const step of steps) {
      if (typeof step === 'number') {
        await settle(conns);
        out[step].push('(drain)', ...(await takeFrames(conns[step])));
        continue;
      }
      const [c, ...cmd] = step;
      const argv = cmd.map((a) => a.replace(/^\{id(\d+)\}$/, (_, n: string) => ids[Number(n)]));
      out[c].push(`> ${cmd.join(' ')}`, ...(await takeFrames(conns[c])));
      conns[c].send(...argv);
      if (cmd[0].toUpperCase() === 'QUIT') {
        out[c].push((await conns[c].readUntilClose(2000)).data.toString('latin1'));
        continue;
      }
      out[c].push((await conns[c].readReply(2000)).toString('latin1'));
      await settle(conns);
      out[c].push(...(await takeFrames(conns[c])));
    }
    await settle(conns);
    for (let i = 0; i < conns.length; i++) out[i].push('(end)', ...(await takeFrames(conns[i])));
  } finally {
    await Promise.all([...conns, admin].map((c) => c.close()));
  }
  return out.map((frames) => frames.map((frame) => withIdNames(frame, ids)));
}

function same(clients: number, steps: readonly Step[]): Promise<string[][]> {
  return sameOnBoth(servers, (port) => transcript(port, clients, steps));
}

describe('CLIENT TRACKING against redis-server', () => {
  it('default mode: remembered reads, one invalidation per key, own writes after the reply', async () => {
    const got = await same(2, [
      [0, 'HELLO', '3'],
      [0, 'CLIENT', 'TRACKING', 'on'],
      [0, 'GET', 'k'],
      [0, 'MGET', 'a', 'b', 'k'],
      [1, 'SET', 'k', 'v'],
      [1, 'SET', 'k', 'v2'],
      [0, 'PING'],
      [1, 'MSET', 'a', '1', 'b', '2', 'c', '3'],
      [0, 'GET', 'k'],
      [0, 'SET', 'k', 'mine'],
      [0, 'HGET', 'h', 'f'],
      [0, 'MULTI'],
      [0, 'HSET', 'h', 'f', 'v'],
      [0, 'INCR', 'n'],
      [0, 'EXEC'],
      [0, 'CLIENT', 'TRACKINGINFO'],
      [0, 'CLIENT', 'GETREDIR'],
    ]);
    expect(got[0].join('')).toContain('>2\r\n$10\r\ninvalidate\r\n*1\r\n$1\r\nk\r\n');
  });

  it('RESP2 clients hear nothing on their own connection but keep their table entries', async () => {
    await same(2, [
      [0, 'CLIENT', 'TRACKING', 'on'],
      [0, 'GET', 'k'],
      [1, 'SET', 'k', 'v'],
      [0, 'PING'],
      [1, 'FLUSHALL'],
      [0, 'PING'],
    ]);
  });

  it('redirects to a RESP2 subscriber and to a RESP3 client, and reports a redirect that went away', async () => {
    await same(4, [
      [0, 'SUBSCRIBE', '__redis__:invalidate'],
      [1, 'CLIENT', 'TRACKING', 'on', 'REDIRECT', '{id0}'],
      [1, 'GET', 'k'],
      [1, 'GET', 'j'],
      [2, 'SET', 'k', '1'],
      0,
      [2, 'FLUSHDB'],
      0,
      [3, 'HELLO', '3'],
      [1, 'CLIENT', 'TRACKING', 'on', 'REDIRECT', '{id3}'],
      [1, 'GET', 'k'],
      [2, 'DEL', 'k'],
      3,
      [1, 'HELLO', '3'],
      [1, 'GET', 'j'],
      [3, 'QUIT'],
      [2, 'SET', 'j', 'x'],
      1,
      [1, 'CLIENT', 'TRACKINGINFO'],
      [1, 'CLIENT', 'GETREDIR'],
    ]);
  });

  it('OPTIN, OPTOUT and NOLOOP', async () => {
    await same(2, [
      [0, 'HELLO', '3'],
      [0, 'CLIENT', 'TRACKING', 'on', 'OPTIN'],
      [0, 'GET', 'a'],
      [0, 'CLIENT', 'CACHING', 'yes'],
      [0, 'GET', 'b'],
      [0, 'GET', 'c'],
      [0, 'CLIENT', 'CACHING', 'yes'],
      [0, 'MULTI'],
      [0, 'GET', 'd'],
      [0, 'GET', 'e'],
      [0, 'EXEC'],
      [1, 'MSET', 'a', '1', 'b', '1', 'c', '1', 'd', '1', 'e', '1'],
      [0, 'CLIENT', 'CACHING', 'no'],
      [0, 'CLIENT', 'TRACKING', 'on', 'OPTOUT'],
      [0, 'CLIENT', 'TRACKING', 'off'],
      [0, 'CLIENT', 'TRACKING', 'on', 'OPTOUT', 'NOLOOP'],
      [0, 'GET', 'a'],
      [0, 'CLIENT', 'CACHING', 'no'],
      [0, 'GET', 'b'],
      [0, 'SET', 'a', 'mine'],
      [0, 'GET', 'a'],
      [1, 'MSET', 'a', '2', 'b', '2'],
      [0, 'CLIENT', 'TRACKINGINFO'],
    ]);
  });

  it('BCAST: prefixes, batches per turn in key order, NOLOOP, and the errors of incompatible options', async () => {
    await same(3, [
      [0, 'HELLO', '3'],
      [0, 'CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'user:', 'PREFIX', 'order:', 'NOLOOP'],
      [1, 'HELLO', '3'],
      [1, 'CLIENT', 'TRACKING', 'on', 'BCAST'],
      [2, 'MSET', 'user:2', 'x', 'user:1', 'y', 'other', 'z'],
      0,
      1,
      [0, 'SET', 'user:3', 'mine'],
      [2, 'DEL', 'order:9', 'user:3'],
      [2, 'SET', 'order:1', 'v'],
      0,
      1,
      [0, 'CLIENT', 'TRACKINGINFO'],
      [0, 'CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'us'],
      [0, 'CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'a', 'PREFIX', 'ab'],
      [0, 'CLIENT', 'TRACKING', 'on'],
      [0, 'CLIENT', 'TRACKING', 'on', 'BCAST', 'OPTIN'],
      [0, 'CLIENT', 'TRACKING', 'on', 'PREFIX', 'x'],
      [0, 'CLIENT', 'TRACKING', 'on', 'OPTIN', 'OPTOUT'],
      [0, 'CLIENT', 'TRACKING', 'on', 'REDIRECT', '999999'],
      [0, 'CLIENT', 'TRACKING', 'on', 'REDIRECT', 'x'],
      [0, 'CLIENT', 'TRACKING', 'on', 'REDIRECT', '{id1}', 'REDIRECT', '{id1}'],
      [0, 'CLIENT', 'TRACKING', 'maybe'],
      [0, 'CLIENT', 'TRACKING', 'on', 'BCAST', 'FOO'],
      [0, 'CLIENT', 'CACHING', 'maybe'],
      [2, 'CLIENT', 'CACHING', 'yes'],
      [0, 'RESET'],
      [1, 'FLUSHALL'],
    ]);
  });
});
