import { TestServer } from '../testing/test-server';
import { ConfigRegistry } from '../server/config-registry';
import { serverCommands } from '../server';
import { connectionCommands } from '.';

function setup(password = ''): TestServer {
  const server = new TestServer([...connectionCommands, ...serverCommands], new ConfigRegistry());
  server.password = password;
  return server;
}

const NOAUTH = '-NOAUTH Authentication required.\r\n';
const WRONGPASS = '-WRONGPASS invalid username-password pair or user is disabled.\r\n';

function hello(proto: 2 | 3, id: number, role = 'master'): string {
  const fields =
    '$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n' +
    `$5\r\nproto\r\n:${proto}\r\n$2\r\nid\r\n:${id}\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n` +
    `$4\r\nrole\r\n$${role.length}\r\n${role}\r\n$7\r\nmodules\r\n*0\r\n`;
  return (proto === 3 ? '%7\r\n' : '*14\r\n') + fields;
}

describe('AUTH', () => {
  it('refuses the one-argument form when no password is configured', () => {
    const c = setup().connect();
    expect(c.run('AUTH', 'x')).toBe(
      '-ERR AUTH <password> called without any password configured for the default user. ' +
        'Are you sure your configuration is correct?\r\n',
    );
  });

  it('accepts any password for the default user when none is configured', () => {
    const c = setup().connect();
    expect(c.run('AUTH', 'default', 'anything')).toBe('+OK\r\n');
    expect(c.run('AUTH', 'bob', 'anything')).toBe(WRONGPASS);
  });

  it('authenticates with requirepass, by password alone or as the default user', () => {
    const server = setup('secret');
    const a = server.connect();
    expect(a.run('PING')).toBe(NOAUTH);
    expect(a.run('AUTH', 'wrong')).toBe(WRONGPASS);
    expect(a.run('AUTH', 'DEFAULT', 'secret')).toBe(WRONGPASS);
    expect(a.authenticated).toBe(false);
    expect(a.run('AUTH', 'secret')).toBe('+OK\r\n');
    expect(a.run('PING')).toBe('+PONG\r\n');
    const b = server.connect();
    expect(b.run('AUTH', 'default', 'secret')).toBe('+OK\r\n');
    expect(b.authenticated).toBe(true);
  });

  it('keeps an authenticated client authenticated after a failed attempt', () => {
    const c = setup('secret').connect();
    c.run('AUTH', 'secret');
    expect(c.run('AUTH', 'nope')).toBe(WRONGPASS);
    expect(c.run('PING')).toBe('+PONG\r\n');
  });

  it('has a syntax error beyond three arguments and an arity error without any', () => {
    const c = setup('secret').connect();
    expect(c.run('AUTH', 'a', 'b', 'c')).toBe('-ERR syntax error\r\n');
    expect(c.run('AUTH')).toBe("-ERR wrong number of arguments for 'auth' command\r\n");
  });

  it('redacts the credentials so MONITOR never shows them', () => {
    const server = setup('secret');
    const monitor = server.connect();
    monitor.run('AUTH', 'secret');
    monitor.run('MONITOR');
    server.connect().run('AUTH', 'default', 'secret');
    expect(monitor.reply.take()?.toString('latin1')).toMatch(/"AUTH" "\(redacted\)" "\(redacted\)"\r\n$/);
  });
});

describe('HELLO', () => {
  it('describes the server in RESP2 without arguments', () => {
    const c = setup().connect();
    expect(c.run('HELLO')).toBe(hello(2, c.id));
  });

  it('switches to RESP3 (a map) and back', () => {
    const c = setup().connect();
    expect(c.run('HELLO', '3')).toBe(hello(3, c.id));
    expect(c.reply.protocol).toBe(3);
    expect(c.run('CLIENT', 'GETNAME')).toBe('_\r\n');
    expect(c.run('HELLO', '2')).toBe(hello(2, c.id));
  });

  it('rejects bad protocol versions', () => {
    const c = setup().connect();
    expect(c.run('HELLO', '4')).toBe('-NOPROTO unsupported protocol version\r\n');
    expect(c.run('HELLO', '1')).toBe('-NOPROTO unsupported protocol version\r\n');
    expect(c.run('HELLO', 'x')).toBe('-ERR Protocol version is not an integer or out of range\r\n');
    expect(c.run('HELLO', '03')).toBe('-ERR Protocol version is not an integer or out of range\r\n');
  });

  it('reports option syntax errors with the option as typed', () => {
    const c = setup().connect();
    expect(c.run('HELLO', '3', 'foo')).toBe("-ERR Syntax error in HELLO option 'foo'\r\n");
    expect(c.run('HELLO', '3', 'AUTH', 'default')).toBe("-ERR Syntax error in HELLO option 'AUTH'\r\n");
    expect(c.run('HELLO', '3', 'SETNAME')).toBe("-ERR Syntax error in HELLO option 'SETNAME'\r\n");
    expect(c.reply.protocol).toBe(2);
  });

  it('sets the name, validated', () => {
    const c = setup().connect();
    expect(c.run('HELLO', '3', 'SETNAME', 'a b')).toBe(
      '-ERR Client names cannot contain spaces, newlines or special characters.\r\n',
    );
    expect(c.run('HELLO', '3', 'SETNAME', 'app-1')).toBe(hello(3, c.id));
    expect(c.name).toBe('app-1');
  });

  it('requires authentication unless it carries AUTH', () => {
    const server = setup('secret');
    const c = server.connect();
    expect(c.run('HELLO', '3')).toBe(
      '-NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> ' +
        'option can be used to authenticate the client and select the RESP protocol version at the same time\r\n',
    );
    expect(c.run('HELLO', '3', 'AUTH', 'default', 'bad')).toBe(WRONGPASS);
    expect(c.reply.protocol).toBe(2);
    expect(c.run('HELLO', '3', 'AUTH', 'default', 'secret', 'SETNAME', 'x')).toBe(hello(3, c.id));
    expect(c.authenticated).toBe(true);
    expect(c.name).toBe('x');
  });

  it('reports the replica role from the app replication section', () => {
    const server = setup();
    server.infoSections.set('replication', () => 'role:slave\r\nmaster_host:127.0.0.1\r\n');
    const c = server.connect();
    expect(c.run('HELLO', '3')).toBe(hello(3, c.id, 'replica'));
  });
});

describe('RESET', () => {
  it('restores db 0, no name, RESP2, replies on and monitor off', () => {
    const server = setup();
    const c = server.connect();
    c.run('SELECT', '5');
    c.run('CLIENT', 'SETNAME', 'n');
    c.run('HELLO', '3');
    c.run('MONITOR');
    c.run('CLIENT', 'NO-EVICT', 'on');
    c.run('CLIENT', 'REPLY', 'OFF');
    expect(c.run('RESET')).toBe('+RESET\r\n');
    expect(c.dbIndex).toBe(0);
    expect(c.name).toBe('');
    expect(c.reply.protocol).toBe(2);
    expect(c.replyMode).toBe('on');
    expect(c.isMonitor).toBe(false);
    expect(server.monitors.has(c)).toBe(false);
    expect(c.noEvict).toBe(true);
  });

  it('logs the client out when a password is required', () => {
    const server = setup('secret');
    const c = server.connect();
    expect(c.run('RESET')).toBe('+RESET\r\n');
    c.run('AUTH', 'secret');
    expect(c.run('RESET')).toBe('+RESET\r\n');
    expect(c.run('PING')).toBe(NOAUTH);
  });
});
