import { allCommands } from '../all-commands';
import { TestServer, type TestClient } from '../testing/test-server';
import { ConfigRegistry } from './config-registry';
import { DEBUG_NOT_ALLOWED, MODULE_NOT_ALLOWED } from './protected-commands';

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

describe('enable-module-command', () => {
  function moduleClient(mode: string | null, remoteAddress: string): TestClient {
    const config = new ConfigRegistry();
    if (mode !== null) config.load('enable-module-command', mode);
    const c = new TestServer(allCommands, config).connect();
    (c.transport as { remoteAddress: string }).remoteAddress = remoteAddress;
    return c;
  }
  const loadFailed = '-ERR Error loading the extension. Please check the server logs.\r\n';

  it('refuses MODULE LOAD, LOADEX and UNLOAD by default (as Redis), before NOAUTH; LIST and HELP run', () => {
    const c = moduleClient(null, '127.0.0.1:5000');
    for (const argv of [
      ['MODULE', 'LOAD', '/m.so'],
      ['MODULE', 'LOADEX', '/m.so', 'ARGS', 'x'],
      ['MODULE', 'UNLOAD', 'm'],
    ]) {
      expect(c.run(...argv)).toBe(`-${MODULE_NOT_ALLOWED}\r\n`);
    }
    expect(c.run('MODULE', 'LIST')).toBe('*0\r\n');
    expect(c.run('MODULE', 'HELP')).toMatch(/^\*11\r\n/);
    c.authenticated = false;
    expect(c.run('MODULE', 'LOAD', '/m.so')).toBe(`-${MODULE_NOT_ALLOWED}\r\n`);
    expect(c.run('MODULE', 'LIST')).toMatch(/^-NOAUTH/);
  });

  it('lets a load through under "yes", or "local" from a loopback peer, where it fails as a failed load does', () => {
    for (const [mode, address] of [
      ['yes', '10.0.0.7:5000'],
      ['local', '127.0.0.1:5000'],
    ] as const) {
      const c = moduleClient(mode, address);
      expect(c.run('MODULE', 'LOAD', '/m.so')).toBe(loadFailed);
      expect(c.run('MODULE', 'LOADEX', '/m.so')).toBe(loadFailed);
      expect(c.run('MODULE', 'UNLOAD', 'm')).toBe(
        '-ERR Error unloading module: no such module with that name\r\n',
      );
    }
    expect(moduleClient('local', '10.0.0.7:5000').run('MODULE', 'LOAD', '/m.so')).toBe(
      `-${MODULE_NOT_ALLOWED}\r\n`,
    );
  });
});
