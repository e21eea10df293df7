import { allCommands } from '../all-commands';
import { TestServer, type TestClient } from '../testing/test-server';
import { ConfigRegistry } from './config-registry';
import { DEBUG_NOT_ALLOWED } from './debug-access';

function client(mode: string | null, remoteAddress: string): TestClient {
  const config = new ConfigRegistry();
  if (mode !== null) config.load('enable-debug-command', mode);
  const c = new TestServer(allCommands, config).connect();
  (c.transport as { remoteAddress: string }).remoteAddress = remoteAddress;
  return c;
}

describe('enable-debug-command', () => {
  it('lets DEBUG run by default (Drake keeps it on), and from loopback peers under "local"', () => {
    for (const [mode, address] of [
      [null, '10.0.0.7:5000'],
      ['yes', '10.0.0.7:5000'],
      ['local', '127.0.0.1:5000'],
      ['local', '::1:5000'],
      ['local', '::ffff:127.0.0.1:5000'],
    ] as const) {
      expect(client(mode, address).run('DEBUG', 'DIGEST')).toBe(`+${'0'.repeat(40)}\r\n`);
    }
  });

  it('refuses DEBUG with Redis\'s error under "no", and from other peers under "local"; other commands run', () => {
    for (const [mode, address] of [
      ['no', '127.0.0.1:5000'],
      ['local', '10.0.0.7:5000'],
      ['local', '127.0.0.2:5000'],
    ] as const) {
      const c = client(mode, address);
      expect(c.run('DEBUG', 'DIGEST')).toBe(`-${DEBUG_NOT_ALLOWED}\r\n`);
      expect(c.run('DEBUG', 'SLEEP', '0')).toBe(`-${DEBUG_NOT_ALLOWED}\r\n`);
      expect(c.run('PING')).toBe('+PONG\r\n');
    }
  });

  it('is checked before authentication, as Redis checks protected commands first', () => {
    const c = client('no', '127.0.0.1:5000');
    c.authenticated = false;
    expect(c.run('DEBUG', 'DIGEST')).toBe(`-${DEBUG_NOT_ALLOWED}\r\n`);
    expect(c.run('GET', 'k')).toMatch(/^-NOAUTH/);
  });
});
