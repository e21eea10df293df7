/**
 * MEMORY against a real redis-server 7.0: argument errors, HELP, nil for a missing key, PURGE, and the names and
 * types of MEMORY STATS's fields (their values are each server's own) — in RESP2 and RESP3.
 */
import { allCommands } from '../all-commands';
import { ConfigRegistry } from '../server/config-registry';
import { PROTOCOLS, RedisFixture } from '../testing/differential';
import { parse, redisAvailable, type Reply } from '../testing/redis-oracle';
import { TestServer } from '../testing/test-server';

const describeWithRedis = redisAvailable('memory.differential.spec') ? describe : describe.skip;

const EXACT: string[][] = [
  ['MEMORY', 'USAGE', 'none'],
  ['SET', 'k', 'v'],
  ['MEMORY', 'USAGE', 'k', 'SAMPLES'],
  ['MEMORY', 'USAGE', 'k', 'SAMPLES', 'x'],
  ['MEMORY', 'USAGE', 'k', 'SAMPLES', '-1'],
  ['MEMORY', 'USAGE', 'k', 'SAMPLES', '99999999999999999999'],
  ['MEMORY', 'USAGE', 'k', 'FOO'],
  ['MEMORY', 'USAGE', 'none', 'samples', '0', 'SAMPLES', '7'],
  ['MEMORY', 'USAGE'],
  ['MEMORY'],
  ['MEMORY', 'FOO'],
  ['MEMORY', 'STATS', 'x'],
  ['MEMORY', 'DOCTOR', 'x'],
  ['MEMORY', 'MALLOC-STATS', 'x'],
  ['MEMORY', 'PURGE', 'x'],
  ['MEMORY', 'PURGE'],
  ['MEMORY', 'HELP'],
  ['MEMORY', 'HELP', 'x'],
];

/** A MEMORY STATS reply as its field names and reply types (nested maps included). */
function shape(reply: Reply): string {
  const items = reply.items ?? [];
  const out: string[] = [];
  for (let i = 0; i < items.length; i += 2) {
    const value = items[i + 1];
    out.push(`${items[i].v}:${value.items === null ? value.t : `{${shape(value)}}`}`);
  }
  return out.join(' ');
}

describeWithRedis('MEMORY: Drake vs redis-server', () => {
  const fixture = new RedisFixture();
  beforeAll(() => fixture.start());
  afterAll(() => fixture.stop());

  for (const protocol of PROTOCOLS) {
    it(`RESP${protocol}: errors, HELP, nil and PURGE byte for byte; STATS field by field`, async () => {
      const redis = await fixture.session();
      const drake = new TestServer(allCommands, new ConfigRegistry()).connect();
      await redis.call('FLUSHALL');
      await redis.call('HELLO', String(protocol));
      drake.run('HELLO', String(protocol));
      const redisOut: string[] = [];
      const drakeOut: string[] = [];
      for (const argv of EXACT) {
        redisOut.push(`${argv.join(' ')} -> ${JSON.stringify(await redis.call(...argv))}`);
        drakeOut.push(`${argv.join(' ')} -> ${JSON.stringify(drake.run(...argv))}`);
      }
      expect(drakeOut).toEqual(redisOut);
      expect(shape(parse(drake.run('MEMORY', 'STATS')))).toBe(
        shape(parse(await redis.call('MEMORY', 'STATS'))),
      );
    });
  }
});
