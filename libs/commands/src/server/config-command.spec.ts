import { TestServer } from '../testing/test-server';
import { connectionCommands } from '../connection';
import { ConfigRegistry } from './config-registry';
import { serverCommands } from '.';

function setup(config = new ConfigRegistry()): TestServer {
  return new TestServer([...connectionCommands, ...serverCommands], config);
}

function failed(name: string, reason: string): string {
  return `-ERR CONFIG SET failed (possibly related to argument '${name}') - ${reason}\r\n`;
}

describe('CONFIG GET', () => {
  it('returns name/value pairs, a map in RESP3', () => {
    const c = setup().connect();
    expect(c.run('CONFIG', 'GET', 'maxmemory')).toBe('*2\r\n$9\r\nmaxmemory\r\n$1\r\n0\r\n');
    c.run('HELLO', '3');
    expect(c.run('CONFIG', 'GET', 'maxmemory')).toBe('%1\r\n$9\r\nmaxmemory\r\n$1\r\n0\r\n');
    expect(c.run('CONFIG', 'GET', 'nosuch')).toBe('%0\r\n');
  });

  it('echoes an exact name as typed and lists it once', () => {
    const c = setup().connect();
    expect(c.run('CONFIG', 'GET', 'HZ')).toBe('*2\r\n$2\r\nHZ\r\n$2\r\n10\r\n');
    expect(c.run('CONFIG', 'GET', 'hz', 'HZ', 'h?')).toBe('*2\r\n$2\r\nhz\r\n$2\r\n10\r\n');
  });

  it('matches globs case-insensitively over names and aliases', () => {
    const c = setup().connect();
    const reply = c.run('CONFIG', 'GET', 'HASH-MAX-*');
    expect(reply.startsWith('*8\r\n')).toBe(true);
    for (const name of [
      'hash-max-listpack-entries',
      'hash-max-ziplist-entries',
      'hash-max-listpack-value',
      'hash-max-ziplist-value',
    ])
      expect(reply).toContain(`$${name.length}\r\n${name}\r\n`);
  });

  it('takes several patterns (7.0)', () => {
    const c = setup().connect();
    expect(c.run('CONFIG', 'GET', 'timeout', 'appendonly')).toBe(
      '*4\r\n$7\r\ntimeout\r\n$1\r\n0\r\n$10\r\nappendonly\r\n$2\r\nno\r\n',
    );
    expect(c.run('CONFIG', 'GET')).toBe("-ERR wrong number of arguments for 'config|get' command\r\n");
  });
});

describe('CONFIG SET', () => {
  it('sets one or several parameters', () => {
    const config = new ConfigRegistry();
    const c = setup(config).connect();
    expect(c.run('CONFIG', 'SET', 'maxmemory', '10mb', 'maxmemory-policy', 'allkeys-lru')).toBe('+OK\r\n');
    expect(config.lookup('maxmemory')?.get()).toBe('10485760');
    expect(config.lookup('maxmemory-policy')?.get()).toBe('allkeys-lru');
  });

  it('reports unknown names, syntax and arity', () => {
    const c = setup().connect();
    expect(c.run('CONFIG', 'SET', 'foo', 'bar')).toBe(
      "-ERR Unknown option or number of arguments for CONFIG SET - 'foo'\r\n",
    );
    expect(c.run('CONFIG', 'SET', 'hz', '1', '2')).toBe('-ERR syntax error\r\n');
    expect(c.run('CONFIG', 'SET', 'hz')).toBe("-ERR wrong number of arguments for 'config|set' command\r\n");
  });

  it('names the argument as typed for immutable, protected and duplicate parameters', () => {
    const c = setup().connect();
    expect(c.run('CONFIG', 'SET', 'DATABASES', '1')).toBe(failed('DATABASES', "can't set immutable config"));
    expect(c.run('CONFIG', 'SET', 'dir', '/tmp')).toBe(failed('dir', "can't set protected config"));
    expect(c.run('CONFIG', 'SET', 'hz', '5', 'HZ', '6')).toBe(failed('HZ', 'duplicate parameter'));
    // An alias and its parameter are distinct entries for this check, as in Redis 7.0.
    expect(c.run('CONFIG', 'SET', 'hash-max-ziplist-entries', '1', 'hash-max-listpack-entries', '2')).toBe(
      '+OK\r\n',
    );
  });

  it('names the parameter (lower case, alias kept) when a value is refused', () => {
    const c = setup().connect();
    expect(c.run('CONFIG', 'SET', 'HZ', 'x')).toBe(
      failed('hz', "argument couldn't be parsed into an integer"),
    );
    expect(c.run('CONFIG', 'SET', 'LUA-TIME-LIMIT', '-1')).toBe(
      failed('lua-time-limit', 'argument must be between 0 and 9223372036854775807 inclusive'),
    );
  });

  it('reports the first problem found while resolving names', () => {
    const c = setup().connect();
    expect(c.run('CONFIG', 'SET', 'hz', 'x', 'foo', '1')).toBe(
      "-ERR Unknown option or number of arguments for CONFIG SET - 'foo'\r\n",
    );
    expect(c.run('CONFIG', 'SET', 'databases', '1', 'foo', '1')).toBe(
      failed('databases', "can't set immutable config"),
    );
  });

  it('is all or nothing', () => {
    const config = new ConfigRegistry();
    const c = setup(config).connect();
    expect(c.run('CONFIG', 'SET', 'hz', '20', 'timeout', '5', 'maxmemory', 'x')).toBe(
      failed('maxmemory', 'argument must be a memory value'),
    );
    expect(config.lookup('hz')?.get()).toBe('10');
    expect(config.lookup('timeout')?.get()).toBe('0');
  });

  it('lets the app react through onChange', () => {
    const config = new ConfigRegistry();
    const seen: string[] = [];
    config.onChange('requirepass', (v) => seen.push(v));
    setup(config).connect().run('CONFIG', 'SET', 'requirepass', 'pw');
    expect(seen).toEqual(['pw']);
  });
});

describe('CONFIG RESETSTAT / REWRITE / HELP', () => {
  it('resets the stats', () => {
    const server = setup();
    const c = server.connect();
    c.run('PING');
    server.keyspace.expiredKeys = 3;
    expect(c.run('CONFIG', 'RESETSTAT')).toBe('+OK\r\n');
    // The dispatcher counts CONFIG RESETSTAT itself once it returns, as Redis does.
    expect([...server.stats.commandCalls.keys()]).toEqual(['config|resetstat']);
    expect(server.keyspace.expiredKeys).toBe(0);
  });

  it('has no config file to rewrite', () => {
    expect(setup().connect().run('CONFIG', 'REWRITE')).toBe(
      '-ERR The server is running without a config file\r\n',
    );
  });

  it("prints Redis's help and rejects unknown subcommands", () => {
    const c = setup().connect();
    expect(c.run('CONFIG', 'HELP')).toBe(
      '*11\r\n+CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n+GET <pattern>\r\n' +
        '+    Return parameters matching the glob-like <pattern> and their values.\r\n+SET <directive> <value>\r\n' +
        '+    Set the configuration <directive> to <value>.\r\n+RESETSTAT\r\n' +
        '+    Reset statistics reported by the INFO command.\r\n+REWRITE\r\n+    Rewrite the configuration file.\r\n' +
        '+HELP\r\n+    Prints this help.\r\n',
    );
    expect(c.run('CONFIG', 'FOO')).toBe("-ERR unknown subcommand 'FOO'. Try CONFIG HELP.\r\n");
    expect(c.run('CONFIG')).toBe("-ERR wrong number of arguments for 'config' command\r\n");
  });
});
