import { TestServer } from '../testing/test-server';
import { defineCommand, type CommandFlag } from '../command-spec';
import { connectionCommands } from '../connection';
import { ConfigRegistry } from './config-registry';
import { serverCommands } from '.';

/** Key-taking stand-ins named like Redis commands, so they pick up Redis's key specs. */
function keyed(name: string, arity: number, flags: CommandFlag[], first: number, last: number, step: number) {
  return defineCommand({
    name,
    arity,
    flags,
    firstKey: first,
    lastKey: last,
    keyStep: step,
    categories: ['string'],
    group: 'string',
    summary: `${name} stand-in`,
    execute: (client) => client.reply.ok(),
  });
}

const KEYED = [
  keyed('get', 2, ['readonly', 'fast'], 1, 1, 1),
  keyed('set', -3, ['write', 'denyoom'], 1, 1, 1),
  keyed('mset', -3, ['write', 'denyoom'], 1, -1, 2),
  keyed('zunionstore', -4, ['write', 'denyoom', 'movablekeys'], 1, 1, 1),
  keyed('eval', -3, ['noscript', 'skip_monitor', 'no_mandatory_keys', 'movablekeys'], 0, 0, 0),
  keyed('xread', -4, ['readonly', 'blocking', 'movablekeys'], 0, 0, 0),
  keyed('drake.keyed', -2, ['write'], 1, -1, 1),
];

function setup(): TestServer {
  return new TestServer([...connectionCommands, ...serverCommands, ...KEYED], new ConfigRegistry());
}

const GET_INFO =
  '*10\r\n$3\r\nget\r\n:2\r\n*2\r\n+readonly\r\n+fast\r\n:1\r\n:1\r\n:1\r\n*3\r\n+@read\r\n+@string\r\n+@fast\r\n' +
  '*0\r\n*1\r\n*6\r\n$5\r\nflags\r\n*2\r\n+RO\r\n+access\r\n$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$5\r\nindex\r\n' +
  '$4\r\nspec\r\n*2\r\n$5\r\nindex\r\n:1\r\n$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n' +
  '*6\r\n$7\r\nlastkey\r\n:0\r\n$7\r\nkeystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n*0\r\n';

describe('COMMAND INFO', () => {
  it("writes Redis 7.0's ten-field entry with key specs", () => {
    expect(setup().connect().run('COMMAND', 'INFO', 'get')).toBe('*1\r\n' + GET_INFO);
  });

  it('uses sets and maps in RESP3, nil for unknown names', () => {
    const c = setup().connect();
    c.run('HELLO', '3');
    expect(c.run('COMMAND', 'INFO', 'nosuch', 'ping')).toBe(
      '*2\r\n_\r\n*10\r\n$4\r\nping\r\n:-1\r\n~1\r\n+fast\r\n:0\r\n:0\r\n:0\r\n~2\r\n+@fast\r\n+@connection\r\n' +
        '~2\r\n$25\r\nrequest_policy:all_shards\r\n$29\r\nresponse_policy:all_succeeded\r\n~0\r\n~0\r\n',
    );
  });

  it('describes containers with their subcommands, and finds `parent|sub` names', () => {
    const c = setup().connect();
    const config = c.run('COMMAND', 'INFO', 'config');
    expect(config).toMatch(
      /^\*1\r\n\*10\r\n\$6\r\nconfig\r\n:-2\r\n\*0\r\n:0\r\n:0\r\n:0\r\n\*1\r\n\+@slow\r\n\*0\r\n\*0\r\n\*5\r\n/,
    );
    expect(c.run('COMMAND', 'INFO', 'CONFIG|GET')).toBe(
      '*1\r\n*10\r\n$10\r\nconfig|get\r\n:-3\r\n*4\r\n+admin\r\n+noscript\r\n+loading\r\n+stale\r\n:0\r\n:0\r\n:0\r\n' +
        '*3\r\n+@admin\r\n+@slow\r\n+@dangerous\r\n*0\r\n*0\r\n*0\r\n',
    );
    expect(c.run('COMMAND', 'INFO', 'client|nosuch', '|list', 'a|b|c')).toBe('*3\r\n$-1\r\n$-1\r\n$-1\r\n');
  });

  it('adds derived flags and key specs (movablekeys, keynum, keyword)', () => {
    const c = setup().connect();
    const zunion = c.run('COMMAND', 'INFO', 'zunionstore');
    expect(zunion).toContain('*3\r\n+write\r\n+denyoom\r\n+movablekeys\r\n');
    expect(zunion).toContain('$6\r\nkeynum\r\n');
    expect(c.run('COMMAND', 'INFO', 'xread')).toContain(
      '$7\r\nkeyword\r\n$7\r\nSTREAMS\r\n$9\r\nstartfrom\r\n:1\r\n',
    );
  });

  it('derives a key spec for commands Redis does not have', () => {
    expect(setup().connect().run('COMMAND', 'INFO', 'drake.keyed')).toContain(
      '*2\r\n+RW\r\n+update\r\n$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$5\r\nindex\r\n$4\r\nspec\r\n*2\r\n' +
        '$5\r\nindex\r\n:1\r\n$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n*6\r\n' +
        '$7\r\nlastkey\r\n:-1\r\n',
    );
  });

  it('describes every command without names, as COMMAND does', () => {
    const server = setup();
    const c = server.connect();
    const all = c.run('COMMAND');
    expect(all.startsWith(`*${server.commands.size}\r\n`)).toBe(true);
    expect(c.run('COMMAND', 'INFO')).toBe(all);
  });
});

describe('COMMAND COUNT / LIST / DOCS / HELP', () => {
  it('counts top-level commands', () => {
    const server = setup();
    expect(server.connect().run('COMMAND', 'COUNT')).toBe(`:${server.commands.size}\r\n`);
  });

  it('lists commands and subcommands, filtered by pattern, ACL category or module', () => {
    const c = setup().connect();
    expect(c.run('COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'config|?et')).toBe(
      '*2\r\n$10\r\nconfig|get\r\n$10\r\nconfig|set\r\n',
    );
    expect(c.run('COMMAND', 'LIST', 'FILTERBY', 'aclcat', 'READ')).toBe('*2\r\n$3\r\nget\r\n$5\r\nxread\r\n');
    expect(c.run('COMMAND', 'LIST', 'FILTERBY', 'MODULE', 'x')).toBe('*0\r\n');
    expect(c.run('COMMAND', 'LIST', 'FILTERBY', 'aclcat', 'nosuch')).toBe('*0\r\n');
    const all = c.run('COMMAND', 'LIST');
    expect(all).toContain('$11\r\nclient|list\r\n');
    expect(all).toContain('$6\r\nclient\r\n');
    for (const bad of [['x'], ['FILTERBY'], ['FILTERBY', 'PATTERN'], ['FILTERBY', 'foo', 'bar']])
      expect(c.run('COMMAND', 'LIST', ...bad)).toBe('-ERR syntax error\r\n');
  });

  it('documents commands as a map, skipping unknown names', () => {
    const c = setup().connect();
    c.run('HELLO', '3');
    expect(c.run('COMMAND', 'DOCS', 'echo', 'nosuch')).toBe(
      '%1\r\n$4\r\necho\r\n%4\r\n$7\r\nsummary\r\n$21\r\nEcho the given string\r\n$5\r\nsince\r\n$5\r\n1.0.0\r\n' +
        '$5\r\ngroup\r\n$10\r\nconnection\r\n$10\r\ncomplexity\r\n$4\r\nO(1)\r\n',
    );
    expect(c.run('COMMAND', 'DOCS', 'monitor')).toBe(
      '%1\r\n$7\r\nmonitor\r\n%3\r\n$7\r\nsummary\r\n$59\r\nListen for all requests received by the server in real time\r\n' +
        '$5\r\nsince\r\n$5\r\n1.0.0\r\n$5\r\ngroup\r\n$6\r\nserver\r\n',
    );
    expect(c.run('COMMAND', 'DOCS', 'config')).toContain(
      '$11\r\nsubcommands\r\n%5\r\n$10\r\nconfig|get\r\n%4\r\n',
    );
  });

  it("prints Redis's help", () => {
    const reply = setup().connect().run('COMMAND', 'HELP');
    expect(
      reply.startsWith('*21\r\n+COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n'),
    ).toBe(true);
    expect(reply).toContain('+GETKEYSANDFLAGS <full-command>\r\n');
  });
});

describe('COMMAND GETKEYS / GETKEYSANDFLAGS', () => {
  it('extracts keys through the key specs', () => {
    const c = setup().connect();
    expect(c.run('COMMAND', 'GETKEYS', 'GET', 'a')).toBe('*1\r\n$1\r\na\r\n');
    expect(c.run('COMMAND', 'GETKEYS', 'mset', 'a', '1', 'b', '2')).toBe('*2\r\n$1\r\na\r\n$1\r\nb\r\n');
    expect(c.run('COMMAND', 'GETKEYS', 'zunionstore', 'd', '2', 'a', 'b')).toBe(
      '*3\r\n$1\r\nd\r\n$1\r\na\r\n$1\r\nb\r\n',
    );
    expect(c.run('COMMAND', 'GETKEYS', 'xread', 'COUNT', '2', 'STREAMS', 'a', 'b', '0', '0')).toBe(
      '*2\r\n$1\r\na\r\n$1\r\nb\r\n',
    );
    expect(c.run('COMMAND', 'GETKEYS', 'eval', 's', '0')).toBe('*0\r\n');
  });

  it("answers Redis's errors", () => {
    const c = setup().connect();
    expect(c.run('COMMAND', 'GETKEYS', 'nosuch', 'a')).toBe('-ERR Invalid command specified\r\n');
    expect(c.run('COMMAND', 'GETKEYS', 'client', 'nosuch')).toBe('-ERR Invalid command specified\r\n');
    expect(c.run('COMMAND', 'GETKEYS', 'CLIENT', 'LIST')).toBe('-ERR The command has no key arguments\r\n');
    expect(c.run('COMMAND', 'GETKEYS', 'get', 'a', 'b')).toBe(
      '-ERR Invalid number of arguments specified for command\r\n',
    );
    expect(c.run('COMMAND', 'GETKEYS', 'zunionstore', 'd', '5', 'a', 'b')).toBe(
      '-ERR Invalid arguments specified for command\r\n',
    );
    expect(c.run('COMMAND', 'GETKEYS', 'get')).toBe(
      "-ERR wrong number of arguments for 'command|getkeys' command\r\n",
    );
  });

  it('pairs each key with its flags, refined for SET', () => {
    const c = setup().connect();
    expect(c.run('COMMAND', 'GETKEYSANDFLAGS', 'set', 'a', 'b')).toBe(
      '*1\r\n*2\r\n$1\r\na\r\n*2\r\n+OW\r\n+update\r\n',
    );
    expect(c.run('COMMAND', 'GETKEYSANDFLAGS', 'set', 'a', 'b', 'GET')).toBe(
      '*1\r\n*2\r\n$1\r\na\r\n*3\r\n+RW\r\n+access\r\n+update\r\n',
    );
    c.run('HELLO', '3');
    expect(c.run('COMMAND', 'GETKEYSANDFLAGS', 'get', 'k')).toBe(
      '*1\r\n*2\r\n$1\r\nk\r\n~2\r\n+RO\r\n+access\r\n',
    );
  });
});
