import { TestServer } from '../testing/test-server';
import { ConfigRegistry } from '../server/config-registry';
import { serverCommands } from '../server';
import { connectionCommands } from '.';

function setup(): TestServer {
  return new TestServer([...connectionCommands, ...serverCommands], new ConfigRegistry());
}

describe('PING', () => {
  it('answers PONG, or echoes its argument as a bulk string', () => {
    const c = setup().connect();
    expect(c.run('PING')).toBe('+PONG\r\n');
    expect(c.run('PING', 'hi there')).toBe('$8\r\nhi there\r\n');
    expect(c.run('PING', 'a', 'b')).toBe("-ERR wrong number of arguments for 'ping' command\r\n");
  });

  it('is the same in RESP3', () => {
    const c = setup().connect();
    c.run('HELLO', '3');
    expect(c.run('PING')).toBe('+PONG\r\n');
    expect(c.run('ping', '')).toBe('$0\r\n\r\n');
  });
});

describe('ECHO', () => {
  it('returns its argument, binary safe', () => {
    const c = setup().connect();
    expect(c.run('ECHO', '\x00\xff\r\n')).toBe('$4\r\n\x00\xff\r\n\r\n');
    expect(c.run('ECHO')).toBe("-ERR wrong number of arguments for 'echo' command\r\n");
    expect(c.run('ECHO', 'a', 'b')).toBe("-ERR wrong number of arguments for 'echo' command\r\n");
  });
});

describe('QUIT', () => {
  it('answers +OK and closes after the reply, whatever the arguments', () => {
    const c = setup().connect();
    expect(c.run('QUIT', 'extra')).toBe('+OK\r\n');
    expect(c.closed).toBe(true);
  });

  it('works before AUTH', () => {
    const server = setup();
    server.password = 'pw';
    const c = server.connect();
    expect(c.run('QUIT')).toBe('+OK\r\n');
  });
});

describe('SELECT', () => {
  it('switches the database', () => {
    const server = setup();
    const c = server.connect();
    expect(c.run('SELECT', '3')).toBe('+OK\r\n');
    expect(c.dbIndex).toBe(3);
    expect(c.db).toBe(server.keyspace.db(3));
  });

  it('rejects indexes out of range and non-integers with Redis texts', () => {
    const c = setup().connect();
    expect(c.run('SELECT', '16')).toBe('-ERR DB index is out of range\r\n');
    expect(c.run('SELECT', '-1')).toBe('-ERR DB index is out of range\r\n');
    expect(c.run('SELECT', '2147483648')).toBe(
      '-ERR value is out of range, value must between -2147483648 and 2147483647\r\n',
    );
    expect(c.run('SELECT', '99999999999999999999')).toBe('-ERR value is not an integer or out of range\r\n');
    expect(c.run('SELECT', 'x')).toBe('-ERR value is not an integer or out of range\r\n');
    expect(c.run('SELECT', '01')).toBe('-ERR value is not an integer or out of range\r\n');
    expect(c.dbIndex).toBe(0);
  });

  it('needs authentication', () => {
    const server = setup();
    server.password = 'pw';
    expect(server.connect().run('SELECT', '1')).toBe('-NOAUTH Authentication required.\r\n');
  });
});
