/**
 * ACL against a real redis-server 7.0, for a node whose only user is `default`: its description with and without
 * requirepass, the categories, DRYRUN's lookups, GENPASS's and the other subcommands' errors, and ACL LOG's entries
 * for failed AUTH and HELLO calls (grouping, MULTI context, counts, RESET, acllog-max-len) — in RESP2 and RESP3.
 * An entry's age and client line differ between two servers: the age is checked for its shape and the line for its
 * `cmd=` field, then both are replaced by placeholders; everything else must be equal byte for byte.
 */
import { allCommands } from '../all-commands';
import { ConfigRegistry } from '../server/config-registry';
import { PROTOCOLS, RedisFixture, elements, bulkText } from '../testing/differential';
import { redisAvailable } from '../testing/redis-oracle';
import { TestServer } from '../testing/test-server';

const describeWithRedis = redisAvailable('acl.differential.spec') ? describe : describe.skip;

const sequence = (protocol: number): string[][] => [
  ['ACL', 'LOG', 'RESET'],
  ['ACL', 'WHOAMI'],
  ['ACL', 'WHOAMI', 'x'],
  ['ACL', 'USERS'],
  ['ACL', 'LIST'],
  ['ACL', 'GETUSER', 'default'],
  ['ACL', 'GETUSER', 'nobody'],
  ['ACL', 'GETUSER'],
  ['ACL', 'CAT'],
  ['ACL', 'CAT', 'nosuch'],
  ['ACL', 'CAT', 'read', 'x'],
  ['ACL', 'GENPASS', '0'],
  ['ACL', 'GENPASS', '-1'],
  ['ACL', 'GENPASS', '4097'],
  ['ACL', 'GENPASS', 'x'],
  ['ACL', 'GENPASS', '1', '2'],
  ['ACL', 'DELUSER', 'default'],
  ['ACL', 'DELUSER', 'bob', 'alice'],
  ['ACL', 'DELUSER', 'bob', 'default'],
  ['ACL', 'DELUSER'],
  ['ACL', 'DRYRUN', 'bob', 'get', 'k'],
  ['ACL', 'DRYRUN', 'default', 'nosuch'],
  ['ACL', 'DRYRUN', 'default', 'get'],
  ['ACL', 'DRYRUN', 'default', 'GET', 'k'],
  ['ACL', 'DRYRUN', 'default', 'set', 'k', 'v', 'EX', '10'],
  ['ACL', 'DRYRUN', 'default', 'config'],
  ['ACL', 'DRYRUN', 'default', 'CONFIG', 'nosuch', 'x'],
  ['ACL', 'DRYRUN', 'default', 'config', 'get'],
  ['ACL', 'DRYRUN', 'default', 'config', 'GET', 'x'],
  ['ACL', 'DRYRUN', 'default'],
  ['ACL', 'LOAD'],
  ['ACL', 'SAVE'],
  ['ACL', 'LOAD', 'x'],
  ['ACL', 'NOSUCH'],
  ['ACL'],
  ['AUTH', 'x'],
  ['AUTH', 'bob', 'x'],
  ['AUTH', 'bob', 'x'],
  ['auth', 'bob', 'x'],
  ['AUTH', 'default', 'anything'],
  ['HELLO', String(protocol), 'AUTH', 'bob', 'y'],
  ['MULTI'],
  ['AUTH', 'carol', 'z'],
  ['EXEC'],
  ['ACL', 'LOG'],
  ['ACL', 'LOG', '1'],
  ['ACL', 'LOG', '0'],
  ['ACL', 'LOG', '-1'],
  ['ACL', 'LOG', 'x'],
  ['ACL', 'LOG', '1', '2'],
  ['CONFIG', 'SET', 'requirepass', 'secret'],
  ['ACL', 'LIST'],
  ['ACL', 'GETUSER', 'default'],
  ['AUTH', 'wrong'],
  ['AUTH', 'default', 'wrong'],
  ['AUTH', 'secret'],
  ['ACL', 'LOG', '2'],
  ['CONFIG', 'SET', 'acllog-max-len', '2'],
  ['CONFIG', 'GET', 'acllog-max-len'],
  ['ACL', 'LOG'],
  ['AUTH', 'dave', 'x'],
  ['ACL', 'LOG'],
  ['CONFIG', 'SET', 'acllog-max-len', '128', 'requirepass', ''],
  ['ACL', 'LOG', 'reset'],
  ['ACL', 'LOG'],
  ['CONFIG', 'SET', 'acllog-max-len', '-1'],
];

/** Replaces each ACL LOG entry's age (checked to be recent) and client line (keeping its `cmd=`) by placeholders. */
function normalized(raw: string): string {
  return raw
    .replace(/(\$11\r\nage-seconds\r\n)(?:\$\d+\r\n([\d.e-]+)|,([\d.e-]+))\r\n/g, (_, head, bulk, double) => {
      expect(Number(bulk ?? double)).toBeLessThan(30);
      return `${head}<age>\r\n`;
    })
    .replace(/(\$11\r\nclient-info\r\n)\$\d+\r\n([^\r]*)\r\n/g, (_, head, line: string) => {
      expect(line).toMatch(/^id=\d+ addr=/);
      return `${head}<client ${/ cmd=(\S+)/.exec(line)?.[1]}>\r\n`;
    });
}

describeWithRedis('ACL: Drake vs redis-server', () => {
  const fixture = new RedisFixture();
  beforeAll(() => fixture.start());
  afterAll(() => fixture.stop());

  for (const protocol of PROTOCOLS) {
    it(`RESP${protocol}: the same replies and log entries`, async () => {
      const redis = await fixture.session();
      const server = new TestServer(allCommands, new ConfigRegistry());
      // The test server keeps its password apart from CONFIG: follow requirepass as the app does.
      server.config.onChange?.('requirepass', () => {
        server.password = String(server.config.lookup('requirepass')?.get() ?? '');
      });
      const drake = server.connect();
      await redis.call('HELLO', String(protocol));
      drake.run('HELLO', String(protocol));
      const out: { redis: string[]; drake: string[] } = { redis: [], drake: [] };
      for (const argv of sequence(protocol)) {
        const [r, d] = [await redis.call(...argv), drake.run(...argv)];
        out.redis.push(`${argv.join(' ')} -> ${JSON.stringify(normalized(r))}`);
        out.drake.push(`${argv.join(' ')} -> ${JSON.stringify(normalized(d))}`);
      }
      expect(out.drake).toEqual(out.redis);
    });
  }

  it('ACL CAT <category> lists the same commands and subcommands, of those both servers have', async () => {
    const redis = await fixture.session();
    const drake = new TestServer(allCommands, new ConfigRegistry()).connect();
    const names = (raw: string): string[] => elements(raw).map(bulkText);
    const both = new Set(names(drake.run('COMMAND', 'LIST')));
    const redisNames = new Set(names(await redis.call('COMMAND', 'LIST')));
    for (const name of [...both]) if (!redisNames.has(name)) both.delete(name);
    expect(both.size).toBeGreaterThan(200);
    for (const category of names(drake.run('ACL', 'CAT'))) {
      const ours = names(drake.run('ACL', 'CAT', category.toUpperCase())).filter((n) => both.has(n));
      const theirs = names(await redis.call('ACL', 'CAT', category)).filter((n) => both.has(n));
      expect({ category, names: ours.sort() }).toEqual({ category, names: theirs.sort() });
    }
  });
});
