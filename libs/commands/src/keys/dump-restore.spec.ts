import { crc64 } from '@drake/rdb';
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
