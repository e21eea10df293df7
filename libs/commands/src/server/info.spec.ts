import { allCommands } from '../all-commands';
import { TestServer } from '../testing/test-server';
import { connectionCommands } from '../connection';
import { ConfigRegistry } from './config-registry';
import { serverCommands } from '.';

function setup(): TestServer {
  return new TestServer([...connectionCommands, ...serverCommands], new ConfigRegistry());
}

/** The text of a bulk (RESP2) reply. */
function text(reply: string): string {
  const body = reply.slice(reply.indexOf('\r\n') + 2, -2);
  expect(body.length).toBe(Number(reply.slice(1, reply.indexOf('\r\n'))));
  return body;
}

function headers(info: string): string[] {
  return info.split('\r\n').filter((l) => l.startsWith('# '));
}

const DEFAULT = ['Server', 'Clients', 'Memory', 'Persistence', 'Stats', 'Replication', 'CPU', 'Modules'];

describe('INFO', () => {
  it('persistence counts the changes since start in rdb_changes_since_last_save, as Redis counts server.dirty', () => {
    const c = new TestServer(allCommands, new ConfigRegistry()).connect();
    const changes = (): number =>
      Number(/rdb_changes_since_last_save:(\d+)/.exec(c.run('INFO', 'persistence'))?.[1]);
    expect(changes()).toBe(0);
    c.run('SET', 'k', 'v');
    c.run('SETBIT', 'b', '0', '0');
    expect(changes()).toBe(2);
    // A write that changes nothing is no change.
    c.run('SETBIT', 'b', '0', '0');
    c.run('DEL', 'missing');
    expect(changes()).toBe(2);
    c.run('MSET', 'a', '1', 'b2', '2');
    expect(changes()).toBe(4);
  });

  it('prints the default sections in order, CRLF-separated, as a bulk string', () => {
    const info = text(setup().connect().run('INFO'));
    expect(headers(info)).toEqual([...DEFAULT, 'Errorstats', 'Cluster', 'Keyspace'].map((h) => '# ' + h));
    expect(info).toMatch(/^# Server\r\nredis_version:7\.0\.15\r\n/);
    expect(info).toContain('\r\n\r\n# Clients\r\n');
    expect(info.endsWith('# Keyspace\r\n')).toBe(true);
    expect(info).not.toMatch(/[^\r]\n/);
  });

  it('adds commandstats for "all" and "everything", and takes several section names', () => {
    const c = setup().connect();
    c.run('PING');
    expect(headers(text(c.run('INFO', 'all')))).toContain('# Commandstats');
    expect(headers(text(c.run('INFO', 'everything')))).toContain('# Commandstats');
    expect(headers(text(c.run('INFO', 'default')))).not.toContain('# Commandstats');
    expect(text(c.run('INFO', 'KEYSPACE', 'cluster', 'keyspace'))).toBe(
      '# Cluster\r\ncluster_enabled:0\r\n\r\n# Keyspace\r\n',
    );
    expect(c.run('INFO', 'nosuch')).toBe('$0\r\n\r\n');
    expect(text(c.run('INFO', 'commandstats'))).toMatch(
      /^# Commandstats\r\ncmdstat_ping:calls=1,usec=\d+,usec_per_call=\d+\.\d\d,rejected_calls=0,failed_calls=0\r\n/,
    );
  });

  it('is a verbatim string in RESP3', () => {
    const c = setup().connect();
    c.run('HELLO', '3');
    expect(c.run('INFO', 'cluster')).toBe('=34\r\ntxt:# Cluster\r\ncluster_enabled:0\r\n\r\n');
  });

  it('describes the server, clients and stats from the context', () => {
    const server = setup();
    const c = server.connect();
    server.connect();
    server.stats.keyspaceHits = 7;
    server.keyspace.expiredKeys = 2;
    const info = text(c.run('INFO'));
    expect(info).toContain(`run_id:${'a'.repeat(40)}\r\n`);
    expect(info).toContain('redis_mode:standalone\r\n');
    expect(info).toContain(`process_id:${process.pid}\r\n`);
    expect(info).toContain('hz:10\r\n');
    expect(info).toContain('connected_clients:2\r\nc');
    expect(info).toContain('maxclients:10000\r\n');
    expect(info).toContain('keyspace_hits:7\r\n');
    expect(info).toContain('expired_keys:2\r\n');
    expect(info).toMatch(/used_memory:\d+\r\nused_memory_human:[\d.]+[BKMG]\r\n/);
    expect(info).toContain('maxmemory_policy:noeviction\r\n');
    expect(info).toMatch(/role:master\r\nconnected_slaves:0\r\n.*master_replid:[0-9a-f]{40}\r\n/s);
  });

  it('counts keys and expires per database', () => {
    const server = setup();
    server.keyspace.db(0).set('a', '1');
    server.keyspace.db(0).setWithExpire('b', '2', Date.now() + 60000);
    server.keyspace.db(3).set('c', '3');
    expect(text(server.connect().run('INFO', 'keyspace'))).toBe(
      '# Keyspace\r\ndb0:keys=2,expires=1,avg_ttl=0\r\ndb3:keys=1,expires=0,avg_ttl=0\r\n',
    );
  });

  it("uses the app's sections where it supplies them", () => {
    const server = setup();
    server.infoSections.set('replication', () => 'role:slave\nmaster_host:10.0.0.1\n');
    server.infoSections.set('dragonfly', () => '# Dragonfly\r\nshards:4\r\n');
    const c = server.connect();
    expect(text(c.run('INFO', 'replication'))).toBe(
      '# Replication\r\nrole:slave\r\nmaster_host:10.0.0.1\r\n',
    );
    const info = text(c.run('INFO'));
    expect(headers(info).slice(-3)).toEqual(['# Cluster', '# Dragonfly', '# Keyspace']);
    expect(text(c.run('INFO', 'dragonfly'))).toBe('# Dragonfly\r\nshards:4\r\n');
  });
});
