import { ConfigRegistry } from '../server/config-registry';
import { AclLog } from './acl-log';

const failedAuth = (username: string, createdMs: number, clientInfo = 'id=1') => ({
  reason: 'auth' as const,
  context: 'toplevel' as const,
  object: 'AUTH',
  username,
  createdMs,
  clientInfo,
});

describe('AclLog', () => {
  it('folds a repeat within a minute into its entry, moved to the front with the newest time and client', () => {
    const log = new AclLog();
    log.add(failedAuth('bob', 1000, 'id=1'));
    log.add(failedAuth('carol', 2000));
    log.add(failedAuth('bob', 61_000, 'id=2'));
    expect(log.newest(10).map((e) => [e.username, e.count, e.createdMs, e.clientInfo])).toEqual([
      ['bob', 2, 61_000, 'id=2'],
      ['carol', 1, 2000, 'id=1'],
    ]);
  });

  it('starts a new entry past a minute, for another context or object, and past the ten newest', () => {
    const log = new AclLog();
    log.add(failedAuth('bob', 0));
    log.add(failedAuth('bob', 60_001));
    log.add({ ...failedAuth('bob', 60_002), context: 'multi' });
    log.add({ ...failedAuth('bob', 60_003), object: 'HELLO' });
    expect(log.length).toBe(4);
    const fresh = new AclLog();
    fresh.add(failedAuth('old', 0));
    for (let i = 0; i < 10; i++) fresh.add(failedAuth(`u${i}`, 0));
    fresh.add(failedAuth('old', 0));
    expect(fresh.newest(1)[0]).toMatchObject({ username: 'old', count: 1 });
    expect(fresh.length).toBe(12);
  });

  it('keeps at most maxLen entries, dropping the oldest when one is added', () => {
    const log = new AclLog();
    log.maxLen = 3;
    for (let i = 0; i < 5; i++) log.add(failedAuth(`u${i}`, i));
    expect(log.newest(10).map((e) => e.username)).toEqual(['u4', 'u3', 'u2']);
    log.maxLen = 0;
    log.add(failedAuth('last', 9));
    expect(log.length).toBe(0);
    log.reset();
    expect(log.newest(10)).toEqual([]);
  });

  it('follows acllog-max-len', () => {
    const config = new ConfigRegistry();
    const log = AclLog.following(config);
    expect(log.maxLen).toBe(128);
    config.lookup('acllog-max-len')?.set('5');
    expect(log.maxLen).toBe(5);
  });
});
