import { setCommands } from './index';

/** What Redis 7.0.15 COMMAND INFO reports: name arity [flags] first last step [categories]. */
const EXPECTED = `
sadd -3 write,denyoom,fast 1 1 1 write,set,fast
srem -3 write,fast 1 1 1 write,set,fast
smembers 2 readonly 1 1 1 read,set,slow
sismember 3 readonly,fast 1 1 1 read,set,fast
smismember -3 readonly,fast 1 1 1 read,set,fast
scard 2 readonly,fast 1 1 1 read,set,fast
spop -2 write,fast 1 1 1 write,set,fast
srandmember -2 readonly 1 1 1 read,set,slow
smove 4 write,fast 1 2 1 write,set,fast
sinter -2 readonly 1 -1 1 read,set,slow
sintercard -3 readonly,movablekeys 0 0 0 read,set,slow
sunion -2 readonly 1 -1 1 read,set,slow
sdiff -2 readonly 1 -1 1 read,set,slow
sinterstore -3 write,denyoom 1 -1 1 write,set,slow
sunionstore -3 write,denyoom 1 -1 1 write,set,slow
sdiffstore -3 write,denyoom 1 -1 1 write,set,slow
sscan -3 readonly 1 1 1 read,set,slow
`.trim();

test('command metadata matches Redis 7.0 COMMAND INFO', () => {
  const actual = setCommands
    .map((s) =>
      [s.name, s.arity, s.flags.join(','), s.firstKey, s.lastKey, s.keyStep, s.categories.join(',')].join(
        ' ',
      ),
    )
    .join('\n');
  expect(actual).toBe(EXPECTED);
});

test('every command is in the set group with docs', () => {
  for (const spec of setCommands) {
    expect(spec.group).toBe('set');
    expect(spec.summary.length).toBeGreaterThan(0);
    expect(spec.complexity?.length).toBeGreaterThan(0);
  }
});
