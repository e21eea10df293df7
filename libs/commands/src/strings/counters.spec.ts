import { TestServer, type TestClient } from '../testing/test-server';
import { stringCommands } from './index';

const WRONGTYPE = '-WRONGTYPE Operation against a key holding the wrong kind of value\r\n';
const NOT_INT = '-ERR value is not an integer or out of range\r\n';
const NOT_FLOAT = '-ERR value is not a valid float\r\n';
const OVERFLOW = '-ERR increment or decrement would overflow\r\n';
const NAN_INF = '-ERR increment would produce NaN or Infinity\r\n';
const bulk = (s: string): string => `$${s.length}\r\n${s}\r\n`;

describe('INCR / DECR / INCRBY / DECRBY', () => {
  let c: TestClient;
  beforeEach(() => {
    c = new TestServer(stringCommands).connect();
    c.db.set('list', { type: 'list' });
  });

  test('counting from a missing key', () => {
    expect(c.run('INCR', 'n')).toBe(':1\r\n');
    expect(c.run('INCR', 'n')).toBe(':2\r\n');
    expect(c.run('DECR', 'n')).toBe(':1\r\n');
    expect(c.run('DECR', 'm')).toBe(':-1\r\n');
    expect(c.run('INCRBY', 'n', '100')).toBe(':101\r\n');
    expect(c.run('DECRBY', 'n', '-9')).toBe(':110\r\n');
    expect(c.run('GET', 'n')).toBe(bulk('110'));
    expect(c.run('INCRBY', 'n', '0')).toBe(':110\r\n');
    expect(c.run('DECRBY', 'n', '0')).toBe(':110\r\n');
  });

  test('stored values that are not canonical integers', () => {
    for (const v of [
      'abc',
      ' 1',
      '1 ',
      '01',
      '+1',
      '-0',
      '1.0',
      '',
      '1e3',
      '99999999999999999999',
      '5\x00',
    ]) {
      c.run('SET', 'k', v);
      expect([v, c.run('INCR', 'k')]).toEqual([v, NOT_INT]);
    }
    expect(c.run('INCR', 'list')).toBe(WRONGTYPE);
  });

  test('increment argument errors come before the key is read', () => {
    expect(c.run('INCRBY', 'list', 'x')).toBe(NOT_INT);
    expect(c.run('DECRBY', 'list', '1.5')).toBe(NOT_INT);
    expect(c.run('INCRBY', 'k', '9223372036854775808')).toBe(NOT_INT);
    expect(c.run('DECRBY', 'list', '-9223372036854775808')).toBe('-ERR decrement would overflow\r\n');
    expect(c.run('INCRBY', 'list', '1')).toBe(WRONGTYPE);
  });

  test('64-bit limits and overflow', () => {
    c.run('SET', 'k', '9223372036854775806');
    expect(c.run('INCR', 'k')).toBe(':9223372036854775807\r\n');
    expect(c.run('INCR', 'k')).toBe(OVERFLOW);
    expect(c.run('GET', 'k')).toBe(bulk('9223372036854775807'));
    c.run('SET', 'k', '-9223372036854775807');
    expect(c.run('DECR', 'k')).toBe(':-9223372036854775808\r\n');
    expect(c.run('DECR', 'k')).toBe(OVERFLOW);
    expect(c.run('INCRBY', 'z', '-9223372036854775808')).toBe(':-9223372036854775808\r\n');
    c.run('SET', 'k', '9007199254740991');
    expect(c.run('INCR', 'k')).toBe(':9007199254740992\r\n');
    expect(c.run('INCR', 'k')).toBe(':9007199254740993\r\n');
    expect(c.run('INCRBY', 'k', '9007199254740993')).toBe(':18014398509481986\r\n');
    expect(c.run('DECRBY', 'k', '18014398509481987')).toBe(':-1\r\n');
  });

  test('the TTL survives an increment', () => {
    c.db.setWithExpire('k', '5', Date.now() + 100_000);
    c.run('INCR', 'k');
    expect(c.db.getExpire('k')).toBeGreaterThan(0);
  });
});

describe('INCRBYFLOAT', () => {
  let c: TestClient;
  beforeEach(() => {
    c = new TestServer(stringCommands).connect();
    c.db.set('list', { type: 'list' });
  });

  const incr = (key: string, by: string): string => c.run('INCRBYFLOAT', key, by);

  test('long double results, as Redis prints them', () => {
    c.run('SET', 'f', '10.5');
    expect(incr('f', '0.1')).toBe(bulk('10.6'));
    c.run('SET', 'f', '3.0e3');
    expect(incr('f', '1')).toBe(bulk('3001'));
    expect(incr('f', '5.0e3')).toBe(bulk('8001'));
    expect(incr('g', '0.1')).toBe(bulk('0.1'));
    expect(incr('g', '0.2')).toBe(bulk('0.3'));
    expect(incr('h', '1.23456789012345678901234567890')).toBe(bulk('1.23456789012345679'));
    expect(incr('i', '-0')).toBe(bulk('0'));
    expect(incr('j', '-1e-30')).toBe(bulk('0'));
    expect(incr('k', '0x1p3')).toBe(bulk('8'));
    expect(incr('l', '0x.8')).toBe(bulk('0.5'));
    expect(incr('m', '1.')).toBe(bulk('1'));
    expect(incr('n', '0.000003814697265625')).toBe(bulk('0.00000381469726562'));
    expect(incr('o', '1e400')).toMatch(
      /^\$401\r\n10000000000000000000281880683947586514586453433629052038625910693539685534008629862039363994848324160522094053927317616200295822777259255734023828976593340661017797447434546173917862448116674971723778943824391593338047470675026246684401359237513603830343735485505244955964979021825038280091068414947402456898653040951017512658092615827588920183472511643316591362664138176309734806343732497430221946880\r\n$/,
    );
    expect(c.run('GET', 'f')).toBe(bulk('8001'));
  });

  test('invalid floats', () => {
    for (const bad of ['abc', ' 1', '1 ', '1e', '.', '', 'nan', '0x', '1e5000', '1e-5000', '1\x00']) {
      expect([bad, incr('f', bad)]).toEqual([bad, NOT_FLOAT]);
    }
    c.run('SET', 's', 'abc');
    expect(incr('s', '1')).toBe(NOT_FLOAT);
    expect(incr('list', 'abc')).toBe(WRONGTYPE);
  });

  test('NaN or infinity', () => {
    expect(incr('f', 'inf')).toBe(NAN_INF);
    expect(incr('f', '-Infinity')).toBe(NAN_INF);
    c.run('SET', 'big', '1.1e4932');
    expect(incr('big', '1.1e4932')).toBe(NAN_INF);
    c.run('SET', 'inf', 'inf');
    expect(incr('inf', '1')).toBe(NAN_INF);
    expect(c.run('GET', 'f')).toBe('$-1\r\n');
  });
});
