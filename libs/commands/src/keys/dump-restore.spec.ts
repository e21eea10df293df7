import { crc64 } from '@drake/rdb';
import { allCommands } from '../all-commands';
import { ConfigRegistry } from '../server/config-registry';
import { TestServer, type TestClient } from '../testing/test-server';
import { stringCommands } from '../strings';
import { keyCommands } from './index';

const OK = '+OK\r\n';
const int = (n: number | bigint): string => `:${n}\r\n`;
const bulk = (s: string): string => `$${s.length}\r\n${s}\r\n`;
const CHECKSUM = '-ERR DUMP payload version or checksum are wrong\r\n';
const BUSY = '-BUSYKEY Target key name already exists.\r\n';

/** Redis 7.0's DUMP of "hello" (taken from redis-server 7.0.15). */
const HELLO_PAYLOAD = '\x00\x05hello\x0a\x00cr\xdfve4 \x0a';

/** A payload with a valid footer around any body, as latin1 text. */
function payload(body: string, version = 10): string {
  const head = Buffer.from(body + String.fromCharCode(version & 0xff, version >> 8), 'latin1');
  const crc = Buffer.alloc(8);
  crc.writeBigUInt64LE(crc64(head));
  return Buffer.concat([head, crc]).toString('latin1');
}

/** The bulk payload of a DUMP reply. */
function dumped(reply: string): string {
  const start = reply.indexOf('\r\n') + 2;
  return reply.slice(start, reply.length - 2);
}

describe('DUMP and RESTORE', () => {
  let now: number;
  let server: TestServer;
  let c: TestClient;

  beforeEach(() => {
    now = 1_700_000_000_000;
    server = new TestServer([...keyCommands, ...stringCommands], undefined, { now: () => now });
    c = server.connect();
  });

  test('DUMP matches Redis byte for byte; nil for a missing key', () => {
    c.run('SET', 'a', 'hello');
    expect(c.run('DUMP', 'a')).toBe(bulk(HELLO_PAYLOAD));
    c.run('SET', 'n', '1');
    expect(c.run('DUMP', 'n')).toBe(bulk('\x00\xc0\x01\x0a\x00&x\xe7\xb6\xd1\x01\x11\xfc'));
    expect(c.run('DUMP', 'missing')).toBe('$-1\r\n');
    c.reply.protocol = 3;
    expect(c.run('DUMP', 'missing')).toBe('_\r\n');
  });

  test('RESTORE round trip, with and without TTL', () => {
    const value = 'x'.repeat(100) + '\x00\xff\r\n';
    c.run('SET', 'src', value);
    const p = dumped(c.run('DUMP', 'src'));
    expect(c.run('RESTORE', 'dst', '0', p)).toBe(OK);
    expect(c.run('GET', 'dst')).toBe(bulk(value));
    expect(c.run('PTTL', 'dst')).toBe(int(-1));
    expect(c.run('RESTORE', 'ttl', '5000', p)).toBe(OK);
    expect(c.run('PTTL', 'ttl')).toBe(int(5000));
    expect(c.run('RESTORE', 'abs', String(now + 800), p, 'ABSTTL')).toBe(OK);
    expect(c.run('PTTL', 'abs')).toBe(int(800));
  });

  test('RESTORE of a payload made by real Redis', () => {
    expect(c.run('RESTORE', 'k', '0', HELLO_PAYLOAD)).toBe(OK);
    expect(c.run('GET', 'k')).toBe(bulk('hello'));
  });

  test('BUSYKEY, REPLACE, and a past TTL', () => {
    c.run('SET', 'k', 'old', 'PX', '100000');
    expect(c.run('RESTORE', 'k', '0', HELLO_PAYLOAD)).toBe(BUSY);
    expect(c.run('RESTORE', 'k', '0', HELLO_PAYLOAD, 'REPLACE')).toBe(OK);
    expect(c.run('GET', 'k')).toBe(bulk('hello'));
    expect(c.run('PTTL', 'k')).toBe(int(-1));
    expect(c.run('RESTORE', 'k', '1', HELLO_PAYLOAD, 'REPLACE', 'ABSTTL')).toBe(OK);
    expect(c.run('EXISTS', 'k')).toBe(int(0));
    expect(c.run('RESTORE', 'k', '9223372036854775807', HELLO_PAYLOAD)).toBe(OK);
    expect(c.run('EXISTS', 'k')).toBe(int(0));
    expect(c.run('RESTORE', 'k', '9223372036854775807', HELLO_PAYLOAD, 'ABSTTL')).toBe(OK);
    expect(c.run('PEXPIRETIME', 'k')).toBe(int(9223372036854775807n));
  });

  test('errors in Redis order', () => {
    c.run('SET', 'k', 'v');
    expect(c.run('RESTORE', 'k', '-1', 'garbage')).toBe(BUSY);
    expect(c.run('RESTORE', 'k', 'abc', 'garbage', 'REPLACE')).toBe(
      '-ERR value is not an integer or out of range\r\n',
    );
    expect(c.run('RESTORE', 'n', '-1', 'garbage')).toBe('-ERR Invalid TTL value, must be >= 0\r\n');
    expect(c.run('RESTORE', 'n', '0', 'garbage')).toBe(CHECKSUM);
    expect(c.run('RESTORE', 'n', '0', '')).toBe(CHECKSUM);
    expect(c.run('RESTORE', 'n', '0', HELLO_PAYLOAD.slice(0, -1) + 'x')).toBe(CHECKSUM);
    expect(c.run('RESTORE', 'n', '0', payload('\x00\x05hello', 11))).toBe(CHECKSUM);
    expect(c.run('RESTORE', 'n', '0', payload('\x63\x05hello'))).toBe('-ERR Bad data format\r\n');
    expect(c.run('RESTORE', 'n', '0', payload(''))).toBe('-ERR Bad data format\r\n');
    expect(c.run('RESTORE', 'k', '0', 'garbage', 'FOO')).toBe('-ERR syntax error\r\n');
    expect(c.run('EXISTS', 'n')).toBe(int(0));
  });

  test('IDLETIME and FREQ are validated and exclusive', () => {
    const p = HELLO_PAYLOAD;
    expect(c.run('RESTORE', 'a', '0', p, 'IDLETIME')).toBe('-ERR syntax error\r\n');
    expect(c.run('RESTORE', 'a', '0', p, 'IDLETIME', '-1')).toBe(
      '-ERR Invalid IDLETIME value, must be >= 0\r\n',
    );
    expect(c.run('RESTORE', 'a', '0', p, 'IDLETIME', 'x')).toBe(
      '-ERR value is not an integer or out of range\r\n',
    );
    expect(c.run('RESTORE', 'a', '0', p, 'FREQ', '256')).toBe(
      '-ERR Invalid FREQ value, must be >= 0 and <= 255\r\n',
    );
    expect(c.run('RESTORE', 'a', '0', p, 'FREQ', '-1')).toBe(
      '-ERR Invalid FREQ value, must be >= 0 and <= 255\r\n',
    );
    expect(c.run('RESTORE', 'a', '0', p, 'FREQ', '5', 'IDLETIME', '5')).toBe('-ERR syntax error\r\n');
    expect(c.run('RESTORE', 'a', '0', p, 'IDLETIME', '5', 'FREQ', '5')).toBe('-ERR syntax error\r\n');
    expect(c.run('RESTORE', 'a', '0', p, 'IDLETIME', '5', 'IDLETIME', '6')).toBe(OK);
    expect(c.run('RESTORE', 'b', '0', p, 'FREQ', '0', 'FREQ', '255', 'ABSTTL', 'REPLACE')).toBe(OK);
  });

  test('on a replica a past TTL still creates the (hidden) key', () => {
    server.keyspace.expiryMode = 'replica';
    expect(c.run('RESTORE', 'k', '1', HELLO_PAYLOAD, 'ABSTTL')).toBe(OK);
    expect(c.db.size()).toBe(1);
  });
});

/** DUMP replies of redis-server 7.0.15 for values built by the commands beside them (hex). */
const REDIS_DUMPS: Array<[string, string[][], string]> = [
  [
    'list',
    [['RPUSH', 'k', 'a', 'b', '1', '-1', '300']],
    '120102151500000005008161028162020101dfff02c12c02ff0a007bf0e584bf65b368',
  ],
  ['intset', [['SADD', 'k', '1', '2', '3']], '0b0e02000000030000000100020003000a00a5025ce26d6e4d1b'],
  ['hashtable set', [['SADD', 'k', 'a']], '020101610a006296e97e44d21a6d'],
  [
    'listpack zset',
    [['ZADD', 'k', '1', 'a', '2.5', 'b']],
    '1114140000000400816102010181620283322e3504ff0a00d44c6ea4f644d9d7',
  ],
  [
    'listpack hash',
    [['HSET', 'k', 'f', 'v', 'n', '1']],
    '1012120000000400816602817602816e020101ff0a00fce408f17922e016',
  ],
  [
    'skiplist zset',
    [
      ['CONFIG', 'SET', 'zset-max-listpack-entries', '1'],
      ['ZADD', 'k', '1', 'a', '2', 'b'],
    ],
    '0502016200000000000000400161000000000000f03f0a007b299e12ce9408d4',
  ],
];

describe('DUMP and RESTORE of every type', () => {
  let server: TestServer;
  let c: TestClient;

  beforeEach(() => {
    server = new TestServer(allCommands, new ConfigRegistry());
    c = server.connect();
  });

  test.each(REDIS_DUMPS)('%s: DUMP equals Redis 7.0, RESTORE rebuilds it', (_name, setup, hex) => {
    for (const cmd of setup) c.run(...cmd);
    const p = Buffer.from(hex, 'hex').toString('latin1');
    expect(c.run('DUMP', 'k')).toBe(bulk(p));
    expect(c.run('RESTORE', 'r', '0', p)).toBe(OK);
    expect(c.run('DEBUG', 'DIGEST-VALUE', 'r')).toBe(c.run('DEBUG', 'DIGEST-VALUE', 'k'));
    expect(c.run('OBJECT', 'ENCODING', 'r')).toBe(c.run('OBJECT', 'ENCODING', 'k'));
    expect(c.run('TYPE', 'r')).toBe(c.run('TYPE', 'k'));
  });

  test('RESTORE converts by the current limits, as Redis does on load', () => {
    c.run('HSET', 'k', 'a', '1', 'b', '2', 'c', '3');
    c.run('ZADD', 'z', '1', 'a', '2', 'b');
    c.run('SADD', 's', '1', '2', '3');
    const hash = dumped(c.run('DUMP', 'k'));
    const zset = dumped(c.run('DUMP', 'z'));
    const set = dumped(c.run('DUMP', 's'));
    c.run('CONFIG', 'SET', 'hash-max-listpack-entries', '2');
    c.run('CONFIG', 'SET', 'zset-max-listpack-entries', '1');
    c.run('CONFIG', 'SET', 'set-max-intset-entries', '2');
    c.run('RESTORE', 'k2', '0', hash);
    c.run('RESTORE', 'z2', '0', zset);
    c.run('RESTORE', 's2', '0', set);
    expect(c.run('OBJECT', 'ENCODING', 'k2')).toBe(bulk('hashtable'));
    expect(c.run('OBJECT', 'ENCODING', 'z2')).toBe(bulk('skiplist'));
    expect(c.run('OBJECT', 'ENCODING', 's2')).toBe(bulk('hashtable'));
    expect(c.run('HGET', 'k2', 'c')).toBe(bulk('3'));
  });

  test('DUMP follows rdbcompression and the list settings', () => {
    c.run('RPUSH', 'k', ...Array.from({ length: 50 }, () => 'a'.repeat(30)));
    const compressed = dumped(c.run('DUMP', 'k'));
    c.run('CONFIG', 'SET', 'rdbcompression', 'no');
    const plain = dumped(c.run('DUMP', 'k'));
    expect(plain.length).toBeGreaterThan(compressed.length);
    c.run('CONFIG', 'SET', 'list-max-listpack-size', '10');
    // Five nodes of ten elements.
    expect(dumped(c.run('DUMP', 'k')).slice(0, 3)).toBe('\x12\x05\x02');
    expect(c.run('RESTORE', 'r', '0', dumped(c.run('DUMP', 'k')))).toBe(OK);
    expect(c.run('LLEN', 'r')).toBe(int(50));
  });

  test('Bad data format for empty, corrupt or unknown values', () => {
    for (const body of [
      '\x12\x00',
      '\x02\x00',
      '\x0b\x08\x02\x00\x00\x00\x00\x00\x00\x00',
      '\x07\x00',
      '\x10\x03abc',
    ])
      expect(c.run('RESTORE', 'r', '0', payload(body))).toBe('-ERR Bad data format\r\n');
    expect(c.run('EXISTS', 'r')).toBe(int(0));
  });
});
