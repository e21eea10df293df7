import { allCommands } from '../all-commands';
import { ConfigRegistry } from '../server/config-registry';
import { TestServer } from '../testing/test-server';
import { aclCommand } from './acl-command';

describe('ACL', () => {
  it('HELP names every subcommand it has, and SETUSER is not one of them', () => {
    const c = new TestServer(allCommands, new ConfigRegistry()).connect();
    const help = c.run('ACL', 'HELP');
    const subs = (aclCommand.subcommands ?? []).map((s) => s.name.slice('acl|'.length).toUpperCase());
    expect(subs).toHaveLength(12);
    for (const sub of subs) expect(help).toMatch(new RegExp(`\\+${sub}\\b`));
    expect(help).not.toContain('SETUSER');
    expect(c.run('ACL', 'SETUSER', 'bob', 'on')).toBe("-ERR unknown subcommand 'SETUSER'. Try ACL HELP.\r\n");
  });

  it('GENPASS gives fresh hex passwords of the bits asked, rounded up to whole digits', () => {
    const c = new TestServer(allCommands, new ConfigRegistry()).connect();
    const pass = (...bits: string[]): string =>
      /^\$\d+\r\n(.*)\r\n$/.exec(c.run('ACL', 'GENPASS', ...bits))?.[1] ?? '';
    expect(pass()).toMatch(/^[0-9a-f]{64}$/);
    expect(pass()).not.toBe(pass());
    expect(pass('1')).toMatch(/^[0-9a-f]$/);
    expect(pass('5')).toMatch(/^[0-9a-f]{2}$/);
    expect(pass('4096')).toMatch(/^[0-9a-f]{1024}$/);
  });

  it('logs a failed AUTH, never a successful AUTH or HELLO', () => {
    const server = new TestServer(allCommands, new ConfigRegistry());
    server.password = 'pw';
    const c = server.connect();
    c.run('AUTH', 'pw');
    c.run('HELLO', '2', 'AUTH', 'default', 'pw');
    expect(server.aclLog.length).toBe(0);
    c.run('AUTH', 'nope');
    expect(server.aclLog.newest(1)[0]).toMatchObject({ username: 'default', object: 'AUTH', count: 1 });
  });
});
