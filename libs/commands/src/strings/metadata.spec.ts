import { stringCommands } from './index';

/** What Redis 7.0.15's COMMAND INFO reports: name arity [flags] first last step [categories]. */
const EXPECTED = `
get 2 readonly,fast 1 1 1 read,string,fast
set -3 write,denyoom 1 1 1 write,string,slow
setnx 3 write,denyoom,fast 1 1 1 write,string,fast
setex 4 write,denyoom 1 1 1 write,string,slow
psetex 4 write,denyoom 1 1 1 write,string,slow
getset 3 write,denyoom,fast 1 1 1 write,string,fast
getdel 2 write,fast 1 1 1 write,string,fast
getex -2 write,fast 1 1 1 write,string,fast
mget -2 readonly,fast 1 -1 1 read,string,fast
mset -3 write,denyoom 1 -1 2 write,string,slow
msetnx -3 write,denyoom 1 -1 2 write,string,slow
append 3 write,denyoom,fast 1 1 1 write,string,fast
strlen 2 readonly,fast 1 1 1 read,string,fast
incr 2 write,denyoom,fast 1 1 1 write,string,fast
decr 2 write,denyoom,fast 1 1 1 write,string,fast
incrby 3 write,denyoom,fast 1 1 1 write,string,fast
decrby 3 write,denyoom,fast 1 1 1 write,string,fast
incrbyfloat 3 write,denyoom,fast 1 1 1 write,string,fast
getrange 4 readonly 1 1 1 read,string,slow
setrange 4 write,denyoom 1 1 1 write,string,slow
substr 4 readonly 1 1 1 read,string,slow
lcs -3 readonly 1 2 1 read,string,slow
`.trim();

test('command metadata matches Redis 7.0 COMMAND INFO', () => {
  const actual = stringCommands
    .map((s) =>
      [s.name, s.arity, s.flags.join(','), s.firstKey, s.lastKey, s.keyStep, s.categories.join(',')].join(
        ' ',
      ),
    )
    .join('\n');
  expect(actual).toBe(EXPECTED);
});

test('every command is in the string group with docs', () => {
  for (const spec of stringCommands) {
    expect(spec.group).toBe('string');
    expect(spec.summary.length).toBeGreaterThan(0);
    expect(spec.complexity?.length).toBeGreaterThan(0);
  }
});
