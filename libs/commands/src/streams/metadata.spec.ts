import { allSpecs } from '../server/command-metadata';
import { streamCommands } from './index';

/** What Redis 7.0.15 COMMAND INFO reports: name arity [flags] first last step [declared categories]. */
const EXPECTED = `
xadd -5 write,denyoom,fast 1 1 1 write,stream,fast
xrange -4 readonly 1 1 1 read,stream
xrevrange -4 readonly 1 1 1 read,stream
xlen 2 readonly,fast 1 1 1 read,stream,fast
xdel -3 write,fast 1 1 1 write,stream,fast
xtrim -4 write 1 1 1 write,stream
xread -4 readonly,blocking,movablekeys 0 0 0 read,stream,blocking
xreadgroup -7 write,blocking,movablekeys 0 0 0 write,stream,blocking
xgroup -2  0 0 0 slow
xgroup|createconsumer 5 write,denyoom 2 2 1 write,stream
xgroup|destroy 4 write 2 2 1 write,stream
xgroup|create -5 write,denyoom 2 2 1 write,stream
xgroup|delconsumer 5 write 2 2 1 write,stream
xgroup|help 2 loading,stale 0 0 0 stream
xgroup|setid -5 write 2 2 1 write,stream
xack -4 write,fast 1 1 1 write,stream,fast
xpending -3 readonly 1 1 1 read,stream
xclaim -6 write,fast 1 1 1 write,stream,fast
xautoclaim -6 write,fast 1 1 1 write,stream,fast
xinfo -2  0 0 0 slow
xinfo|groups 3 readonly 2 2 1 read,stream
xinfo|stream -3 readonly 2 2 1 read,stream
xinfo|help 2 loading,stale 0 0 0 stream
xinfo|consumers 4 readonly 2 2 1 read,stream
xsetid -3 write,denyoom,fast 1 1 1 write,stream,fast
`.trim();

test('command metadata matches Redis 7.0 COMMAND INFO', () => {
  const actual = [...allSpecs(streamCommands)]
    .map((s) =>
      [s.name, s.arity, s.flags.join(','), s.firstKey, s.lastKey, s.keyStep, s.categories.join(',')].join(
        ' ',
      ),
    )
    .join('\n');
  expect(actual).toBe(EXPECTED);
});

test('every command is in the stream group with docs', () => {
  for (const spec of allSpecs(streamCommands)) {
    expect(spec.group).toBe('stream');
    expect(spec.summary.length).toBeGreaterThan(0);
    expect(spec.complexity?.length).toBeGreaterThan(0);
  }
});
