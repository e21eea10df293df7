import { TestServer, type TestClient } from '../testing/test-server';
import { ConfigRegistry } from '../server/config-registry';
import { serverCommands } from '../server';
import { connectionCommands } from '.';

function setup(): TestServer {
  return new TestServer([...connectionCommands, ...serverCommands], new ConfigRegistry());
}

function setAddress(c: TestClient, addr: string, laddr = '127.0.0.1:6379'): void {
  Object.assign(c.transport, { remoteAddress: addr, localAddress: laddr });
}

/** The body of a bulk reply. */
function body(reply: string): string {
  return reply.slice(reply.indexOf('\r\n') + 2, -2);
}

const FIELDS =
  'id addr laddr fd name age idle flags db sub psub ssub multi qbuf qbuf-free argv-mem multi-mem rbs rbp obl oll ' +
  'omem tot-mem events cmd user redir resp';

describe('CLIENT ID / SETNAME / GETNAME', () => {
  it('returns the connection id', () => {
    const server = setup();
    server.connect();
    const c = server.connect();
    expect(c.run('CLIENT', 'ID')).toBe(`:${c.id}\r\n`);
    expect(c.run('CLIENT', 'ID', 'x')).toBe("-ERR wrong number of arguments for 'client|id' command\r\n");
  });

  it('sets, reads and clears the name', () => {
    const c = setup().connect();
    expect(c.run('CLIENT', 'GETNAME')).toBe('$-1\r\n');
    expect(c.run('CLIENT', 'SETNAME', 'worker~1!')).toBe('+OK\r\n');
    expect(c.run('CLIENT', 'GETNAME')).toBe('$9\r\nworker~1!\r\n');
    expect(c.run('CLIENT', 'SETNAME', '')).toBe('+OK\r\n');
    expect(c.run('CLIENT', 'GETNAME')).toBe('$-1\r\n');
  });

  it('refuses names with spaces, newlines or control characters', () => {
    const c = setup().connect();
    for (const bad of ['a b', 'a\nb', 'a\x01', '\x7f', 'caf\xe9']) {
      expect(c.run('CLIENT', 'SETNAME', bad)).toBe(
        '-ERR Client names cannot contain spaces, newlines or special characters.\r\n',
      );
    }
    expect(c.run('CLIENT', 'SETNAME')).toBe(
      "-ERR wrong number of arguments for 'client|setname' command\r\n",
    );
  });

  it('reports unknown subcommands and a bare CLIENT', () => {
    const c = setup().connect();
    expect(c.run('CLIENT', 'FOO')).toBe("-ERR unknown subcommand 'FOO'. Try CLIENT HELP.\r\n");
    expect(c.run('CLIENT')).toBe("-ERR wrong number of arguments for 'client' command\r\n");
  });
});

describe('CLIENT LIST / INFO', () => {
  it("lists every client with Redis 7.0's fields in order", () => {
    const server = setup();
    const a = server.connect();
    a.run('CLIENT', 'SETNAME', 'alpha');
    a.run('SELECT', '2');
    const b = server.connect();
    const lines = body(b.run('CLIENT', 'LIST')).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines[0].split(' ').map((f) => f.split('=')[0])).toEqual(FIELDS.split(' '));
    expect(lines[0]).toMatch(
      new RegExp(
        `^id=${a.id} addr=127\\.0\\.0\\.1:50000 laddr=127\\.0\\.0\\.1:6379 fd=8 name=alpha .* flags=N db=2 `,
      ),
    );
    expect(lines[0]).toContain(' cmd=select user=default redir=-1 resp=2');
    expect(lines[1]).toMatch(/ idle=0 .* argv-mem=10 .* cmd=client\|list /);
  });

  it('is a verbatim string in RESP3, each line ending in a newline', () => {
    const c = setup().connect();
    c.run('HELLO', '3');
    const reply = c.run('CLIENT', 'INFO');
    expect(reply).toMatch(/^=\d+\r\ntxt:id=1 .* cmd=client\|info user=default redir=-1 resp=3\n\r\n$/);
    expect(Number(reply.slice(1, reply.indexOf('\r\n')))).toBe(reply.length - reply.indexOf('\r\n') - 4);
  });

  it('shows the monitor and no-evict flags', () => {
    const server = setup();
    const c = server.connect();
    c.run('CLIENT', 'NO-EVICT', 'ON');
    expect(c.run('CLIENT', 'INFO')).toContain(' flags=e ');
    c.run('MONITOR');
    expect(body(server.connect().run('CLIENT', 'LIST', 'ID', String(c.id)))).toContain(' flags=Oe ');
  });

  it('marks replication links: S and TYPE replica (or slave) for a replica, M and TYPE master for the master link', () => {
    const server = setup();
    const me = server.connect();
    const replica = server.connect();
    replica.isReplicaLink = true;
    const master = server.connect();
    master.isMasterLink = true;
    expect(body(me.run('CLIENT', 'LIST', 'ID', String(replica.id)))).toContain(' flags=S ');
    expect(body(me.run('CLIENT', 'LIST', 'ID', String(master.id)))).toContain(' flags=M ');
    expect(body(me.run('CLIENT', 'LIST', 'TYPE', 'slave'))).toMatch(
      new RegExp(`^id=${replica.id} [^\n]*\n$`),
    );
    expect(body(me.run('CLIENT', 'LIST', 'TYPE', 'master'))).toMatch(
      new RegExp(`^id=${master.id} [^\n]*\n$`),
    );
    expect(body(me.run('CLIENT', 'LIST', 'TYPE', 'normal'))).toMatch(new RegExp(`^id=${me.id} [^\n]*\n$`));
    expect(me.run('CLIENT', 'KILL', 'TYPE', 'normal')).toBe(':0\r\n');
    expect(me.run('CLIENT', 'KILL', 'TYPE', 'replica')).toBe(':1\r\n');
    expect(replica.closed).toBe(true);
    expect(master.closed).toBe(false);
  });

  it('filters by TYPE and by ID (in the order given, unknown ids skipped)', () => {
    const server = setup();
    const a = server.connect();
    const b = server.connect();
    expect(body(a.run('CLIENT', 'LIST', 'TYPE', 'normal')).split('\n')).toHaveLength(3);
    expect(a.run('CLIENT', 'LIST', 'TYPE', 'replica')).toBe('$0\r\n\r\n');
    expect(a.run('CLIENT', 'LIST', 'TYPE', 'SLAVE')).toBe('$0\r\n\r\n');
    expect(a.run('CLIENT', 'LIST', 'TYPE', 'x')).toBe("-ERR Unknown client type 'x'\r\n");
    const ids = body(a.run('CLIENT', 'LIST', 'ID', String(b.id), '99', String(a.id), String(b.id)))
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.split(' ')[0]);
    expect(ids).toEqual([`id=${b.id}`, `id=${a.id}`, `id=${b.id}`]);
    expect(a.run('CLIENT', 'LIST', 'ID', '1', 'x')).toBe('-ERR Invalid client ID\r\n');
  });

  it('answers syntax errors for other arguments', () => {
    const c = setup().connect();
    expect(c.run('CLIENT', 'LIST', 'ID')).toBe('-ERR syntax error\r\n');
    expect(c.run('CLIENT', 'LIST', 'foo')).toBe('-ERR syntax error\r\n');
    expect(c.run('CLIENT', 'LIST', 'TYPE', 'normal', 'x')).toBe('-ERR syntax error\r\n');
    expect(c.run('CLIENT', 'INFO', 'x')).toBe("-ERR wrong number of arguments for 'client|info' command\r\n");
  });
});

describe('CLIENT KILL', () => {
  it('old form: kills by address, +OK or "No such client"', () => {
    const server = setup();
    const a = server.connect();
    const b = server.connect();
    setAddress(b, '10.0.0.2:4000');
    expect(a.run('CLIENT', 'KILL', '10.0.0.9:1')).toBe('-ERR No such client\r\n');
    expect(a.run('CLIENT', 'KILL', '10.0.0.2:4000')).toBe('+OK\r\n');
    expect(b.closed).toBe(true);
    expect(server.clients.has(b.id)).toBe(false);
  });

  it('old form may kill the caller itself, after its reply', () => {
    const server = setup();
    const a = server.connect();
    expect(a.run('CLIENT', 'KILL', '127.0.0.1:50000')).toBe('+OK\r\n');
    expect(a.closed).toBe(true);
  });

  it('filters: ID, ADDR, LADDR, TYPE, USER, SKIPME; replies the count', () => {
    const server = setup();
    const me = server.connect();
    const [b, c, d] = [server.connect(), server.connect(), server.connect()];
    setAddress(b, '10.0.0.2:1', '127.0.0.1:7000');
    setAddress(c, '10.0.0.3:1');
    setAddress(d, '10.0.0.4:1');
    expect(me.run('CLIENT', 'KILL', 'ID', String(b.id))).toBe(':1\r\n');
    expect(me.run('CLIENT', 'KILL', 'ID', '999')).toBe(':0\r\n');
    expect(me.run('CLIENT', 'KILL', 'ADDR', '10.0.0.3:1', 'TYPE', 'pubsub')).toBe(':0\r\n');
    expect(me.run('CLIENT', 'KILL', 'ADDR', '10.0.0.3:1', 'TYPE', 'normal')).toBe(':1\r\n');
    expect(me.run('CLIENT', 'KILL', 'LADDR', '127.0.0.1:6379', 'USER', 'default')).toBe(':1\r\n');
    expect(d.closed).toBe(true);
    expect(me.closed).toBe(false);
    expect(me.run('CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'no')).toBe(':1\r\n');
    expect(me.closed).toBe(true);
  });

  it('reports filter errors with Redis texts', () => {
    const c = setup().connect();
    expect(c.run('CLIENT', 'KILL', 'ID', 'x')).toBe('-ERR client-id should be greater than 0\r\n');
    expect(c.run('CLIENT', 'KILL', 'ID', '0')).toBe('-ERR client-id should be greater than 0\r\n');
    expect(c.run('CLIENT', 'KILL', 'TYPE', 'x')).toBe("-ERR Unknown client type 'x'\r\n");
    expect(c.run('CLIENT', 'KILL', 'USER', 'bob')).toBe("-ERR No such user 'bob'\r\n");
    expect(c.run('CLIENT', 'KILL', 'SKIPME', 'maybe')).toBe('-ERR syntax error\r\n');
    expect(c.run('CLIENT', 'KILL', 'MAXAGE', '1')).toBe('-ERR syntax error\r\n');
    expect(c.run('CLIENT', 'KILL', 'ID', '1', 'ID')).toBe('-ERR syntax error\r\n');
    expect(c.run('CLIENT', 'KILL', 'ID')).toBe('-ERR No such client\r\n');
    expect(c.run('CLIENT', 'KILL')).toBe("-ERR wrong number of arguments for 'client|kill' command\r\n");
  });
});

describe('CLIENT SETINFO', () => {
  it('stores the library name and version (7.2 semantics)', () => {
    const c = setup().connect();
    expect(c.run('CLIENT', 'SETINFO', 'LIB-NAME', 'node-redis')).toBe('+OK\r\n');
    expect(c.run('CLIENT', 'SETINFO', 'lib-ver', '5.1.0')).toBe('+OK\r\n');
    expect([c.libName, c.libVersion]).toEqual(['node-redis', '5.1.0']);
    expect(c.run('CLIENT', 'INFO')).not.toContain('lib-name');
  });

  it('refuses other attributes and values with spaces', () => {
    const c = setup().connect();
    expect(c.run('CLIENT', 'SETINFO', 'foo', 'x')).toBe("-ERR Unrecognized option 'foo'\r\n");
    expect(c.run('CLIENT', 'SETINFO', 'lib-name', 'a b')).toBe(
      '-ERR lib-name cannot contain spaces, newlines or special characters.\r\n',
    );
    expect(c.run('CLIENT', 'SETINFO', 'lib-name')).toBe(
      "-ERR wrong number of arguments for 'client|setinfo' command\r\n",
    );
  });
});

describe('CLIENT NO-EVICT / REPLY / HELP', () => {
  it('toggles no-evict', () => {
    const c = setup().connect();
    expect(c.run('CLIENT', 'NO-EVICT', 'on')).toBe('+OK\r\n');
    expect(c.noEvict).toBe(true);
    expect(c.run('CLIENT', 'NO-EVICT', 'OFF')).toBe('+OK\r\n');
    expect(c.noEvict).toBe(false);
    expect(c.run('CLIENT', 'NO-EVICT', 'x')).toBe('-ERR syntax error\r\n');
  });

  it('REPLY OFF silences until ON; SKIP silences the next command only', () => {
    const c = setup().connect();
    expect(c.run('CLIENT', 'REPLY', 'OFF')).toBe('');
    expect(c.run('PING')).toBe('');
    expect(c.run('CLIENT', 'REPLY', 'SKIP')).toBe('');
    expect(c.run('PING')).toBe('');
    expect(c.run('CLIENT', 'REPLY', 'ON')).toBe('+OK\r\n');
    expect(c.run('CLIENT', 'REPLY', 'SKIP')).toBe('');
    expect(c.run('PING')).toBe('');
    expect(c.run('PING')).toBe('+PONG\r\n');
    expect(c.run('CLIENT', 'REPLY', 'maybe')).toBe('-ERR syntax error\r\n');
  });

  it('SKIP also silences a CLIENT REPLY that follows it, as Redis does', () => {
    const c = setup().connect();
    c.run('CLIENT', 'REPLY', 'SKIP');
    expect(c.run('CLIENT', 'REPLY', 'bad')).toBe('');
    expect(c.run('PING')).toBe('+PONG\r\n');
    c.run('CLIENT', 'REPLY', 'SKIP');
    expect(c.run('CLIENT', 'REPLY', 'SKIP')).toBe('');
    expect(c.run('PING')).toBe('');
    expect(c.run('PING')).toBe('+PONG\r\n');
    c.run('CLIENT', 'REPLY', 'SKIP');
    expect(c.run('CLIENT', 'REPLY', 'ON')).toBe('+OK\r\n');
  });

  it('HELP lists the subcommands as simple strings', () => {
    const reply = setup().connect().run('CLIENT', 'HELP');
    expect(reply).toMatch(
      /^\*50\r\n\+CLIENT <subcommand> \[<arg> \[value\] \[opt\] \.\.\.\]\. Subcommands are:\r\n/,
    );
    expect(reply).toContain('+NO-EVICT (ON|OFF)\r\n');
    expect(reply).toContain(
      '+UNPAUSE\r\n+    Stop the current client pause, resuming traffic.\r\n+PAUSE <timeout>',
    );
    expect(reply.endsWith('+HELP\r\n+    Prints this help.\r\n')).toBe(true);
  });
});
