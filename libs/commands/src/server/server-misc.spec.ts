import { TestServer } from '../testing/test-server';
import { connectionCommands } from '../connection';
import { ConfigRegistry } from './config-registry';
import { serverCommands } from '.';

function setup(): TestServer {
  return new TestServer([...connectionCommands, ...serverCommands], new ConfigRegistry());
}

describe('TIME and LASTSAVE', () => {
  it('TIME answers [seconds, microseconds] as bulk strings', () => {
    const reply = setup().connect().run('TIME');
    const m = /^\*2\r\n\$\d+\r\n(\d+)\r\n\$\d+\r\n(\d+)\r\n$/.exec(reply);
    expect(m).not.toBeNull();
    expect(Math.abs(Number(m?.[1]) - Date.now() / 1000)).toBeLessThan(5);
    expect(Number(m?.[2])).toBeLessThan(1e6);
  });

  it('LASTSAVE answers the time of the last save', () => {
    const server = setup();
    server.lastSaveUnix = 1700000000;
    expect(server.connect().run('LASTSAVE')).toBe(':1700000000\r\n');
  });
});

describe('SHUTDOWN', () => {
  it('stops the server with its modifiers as the reason, and replies nothing', () => {
    const server = setup();
    expect(server.connect().run('SHUTDOWN', 'nosave', 'NOW')).toBe('');
    expect(server.shutdownReason).toBe('SHUTDOWN NOSAVE NOW');
  });

  it('rejects bad combinations and has nothing to abort', () => {
    const server = setup();
    const c = server.connect();
    expect(c.run('SHUTDOWN', 'foo')).toBe('-ERR syntax error\r\n');
    expect(c.run('SHUTDOWN', 'SAVE', 'NOSAVE')).toBe('-ERR syntax error\r\n');
    expect(c.run('SHUTDOWN', 'ABORT', 'NOW')).toBe('-ERR syntax error\r\n');
    expect(c.run('SHUTDOWN', 'ABORT')).toBe('-ERR No shutdown in progress.\r\n');
    expect(server.shutdownReason).toBeNull();
  });

  it('parks its caller, who hears an error if another client aborts the shutdown', () => {
    const server = setup();
    const caller = server.connect();
    expect(caller.run('SHUTDOWN')).toBe('');
    expect(server.shutdownOptions?.now).toBe(false);
    expect(caller.blocked).not.toBeNull();
    expect(server.connect().run('SHUTDOWN', 'ABORT')).toBe('+OK\r\n');
    expect(caller.reply.take()?.toString('latin1')).toBe('-ERR Errors trying to SHUTDOWN. Check logs.\r\n');
    expect(caller.blocked).toBeNull();
    expect(caller.run('PING')).toBe('+PONG\r\n');
  });
});

describe('MONITOR', () => {
  it('registers the client once and then gets other clients commands', () => {
    const server = setup();
    const m = server.connect();
    expect(m.run('MONITOR')).toBe('+OK\r\n');
    expect(m.run('MONITOR')).toBe('');
    expect(m.isMonitor).toBe(true);
    expect(server.monitors.has(m)).toBe(true);
    server.connect().run('ECHO', 'hi');
    expect(m.reply.take()?.toString('latin1')).toMatch(
      /^\+\d+\.\d{6} \[0 127\.0\.0\.1:50000\] "ECHO" "hi"\r\n$/,
    );
  });
});

describe('DEBUG', () => {
  it("computes Redis's DIGEST and DIGEST-VALUE", () => {
    const server = setup();
    const c = server.connect();
    expect(c.run('DEBUG', 'DIGEST')).toBe(`+${'0'.repeat(40)}\r\n`);
    server.keyspace.db(0).set('k', 'v');
    // Values taken from redis-server 7.0 with the same data.
    expect(c.run('DEBUG', 'DIGEST')).toBe('+264ccf65edec66bccfa7cc659414ccca432057d2\r\n');
    expect(c.run('DEBUG', 'DIGEST-VALUE', 'k', 'nokey')).toBe(
      `*2\r\n+d79ee9fe5d5ad902d7f6620efc3b07b75ddd742f\r\n+${'0'.repeat(40)}\r\n`,
    );
    expect(c.run('DEBUG', 'DIGEST-VALUE')).toBe('*0\r\n');
  });

  it('SLEEP blocks the thread for the given seconds (decimals allowed, garbage is 0)', () => {
    const c = setup().connect();
    const started = Date.now();
    expect(c.run('DEBUG', 'SLEEP', '0.2')).toBe('+OK\r\n');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(c.run('DEBUG', 'SLEEP', 'abc')).toBe('+OK\r\n');
    expect(c.run('DEBUG', 'SLEEP', '-1')).toBe('+OK\r\n');
  });

  it("rejects unknown subcommands and wrong argument counts with Redis's text", () => {
    const c = setup().connect();
    expect(c.run('DEBUG', 'SLEEP')).toBe(
      "-ERR unknown subcommand or wrong number of arguments for 'SLEEP'. Try DEBUG HELP.\r\n",
    );
    expect(c.run('DEBUG', 'digest', 'x')).toBe(
      "-ERR unknown subcommand or wrong number of arguments for 'digest'. Try DEBUG HELP.\r\n",
    );
    expect(c.run('DEBUG', 'FOO')).toBe(
      "-ERR unknown subcommand or wrong number of arguments for 'FOO'. Try DEBUG HELP.\r\n",
    );
    expect(c.run('DEBUG')).toBe("-ERR wrong number of arguments for 'debug' command\r\n");
    expect(c.run('DEBUG', 'HELP')).toMatch(
      /^\*31\r\n\+DEBUG <subcommand> .*\+HELP\r\n\+ {4}Prints this help\.\r\n$/s,
    );
  });
});
