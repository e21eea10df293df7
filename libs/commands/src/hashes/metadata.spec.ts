import { hashCommands } from './index';

/** What Redis 7.0.15 COMMAND INFO reports: name arity [flags] first last step [categories]. */
const EXPECTED = `
hset -4 write,denyoom,fast 1 1 1 write,hash,fast
hsetnx 4 write,denyoom,fast 1 1 1 write,hash,fast
hmset -4 write,denyoom,fast 1 1 1 write,hash,fast
hget 3 readonly,fast 1 1 1 read,hash,fast
hmget -3 readonly,fast 1 1 1 read,hash,fast
hgetall 2 readonly 1 1 1 read,hash,slow
hdel -3 write,fast 1 1 1 write,hash,fast
hexists 3 readonly,fast 1 1 1 read,hash,fast
hlen 2 readonly,fast 1 1 1 read,hash,fast
hkeys 2 readonly 1 1 1 read,hash,slow
hvals 2 readonly 1 1 1 read,hash,slow
hincrby 4 write,denyoom,fast 1 1 1 write,hash,fast
hincrbyfloat 4 write,denyoom,fast 1 1 1 write,hash,fast
hstrlen 3 readonly,fast 1 1 1 read,hash,fast
hrandfield -2 readonly 1 1 1 read,hash,slow
hscan -3 readonly 1 1 1 read,hash,slow
`.trim();

test('command metadata matches Redis 7.0 COMMAND INFO', () => {
  const actual = hashCommands
    .map((s) =>
      [s.name, s.arity, s.flags.join(','), s.firstKey, s.lastKey, s.keyStep, s.categories.join(',')].join(
        ' ',
      ),
    )
    .join('\n');
  expect(actual).toBe(EXPECTED);
});

test('every command is in the hash group with docs', () => {
  for (const spec of hashCommands) {
    expect(spec.group).toBe('hash');
    expect(spec.summary.length).toBeGreaterThan(0);
    expect(spec.complexity?.length).toBeGreaterThan(0);
  }
});
