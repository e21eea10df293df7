import { Journal, type JournalRecord } from '@drake/journal';
import { allCommands } from '../all-commands';
import { TestServer } from '../testing/test-server';

describe('DEBUG POPULATE', () => {
  it('refuses a count whose keys could not fit in the heap, as Redis refuses a table it cannot allocate', () => {
    const c = new TestServer(allCommands).connect();
    expect(c.run('DEBUG', 'POPULATE', '9223372036854775807')).toBe('-ERR OOM in dictTryExpand\r\n');
    expect(c.run('DEBUG', 'POPULATE', '100000000000', 'k', '1000')).toBe('-ERR OOM in dictTryExpand\r\n');
    expect(c.run('DBSIZE')).toBe(':0\r\n');
  });

  it('is journalled, so a replica creates the same keys (Redis does not propagate it; its replicas diverge)', () => {
    const server = new TestServer(allCommands);
    const journal = new Journal({ shardCount: server.keyspace.shardCount, maxBytes: 1 << 30 });
    server.journal = journal;
    const records: JournalRecord[] = [];
    for (const shard of journal.shards) shard.subscribe({ onRecord: (r) => records.push(r) });
    const c = server.connect();
    expect(c.run('DEBUG', 'POPULATE', '10', 'p', '8')).toBe('+OK\r\n');
    const replica = new TestServer(allCommands).connect();
    const applied = new Set<string>();
    for (const r of records) {
      const line = r.argv.join(' ');
      if (r.kind !== 'ping' && !applied.has(line)) {
        applied.add(line); // a barrier is on every shard: applied once
        replica.run(...r.argv);
      }
    }
    expect([...applied]).toEqual(['DEBUG POPULATE 10 p 8']);
    expect(replica.run('DEBUG', 'DIGEST')).toBe(c.run('DEBUG', 'DIGEST'));
  });
});
