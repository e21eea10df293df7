import { redisAndSubjectForSpec } from './support/processes';
import { encodeCommand, RawClient } from './support/raw-client';
import { sameOnBoth } from './support/transcripts';

/**
 * The latency monitor and latency tracking against redis-server: the same events, sample counts, graph drawing and
 * histogram layout for the same load (the milliseconds themselves differ, so numbers are masked where they would).
 */
jest.setTimeout(120_000);

const servers = redisAndSubjectForSpec();
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Integers and the figures of the graph's title hidden: the shape of a reply without its timings. */
const masked = (reply: string): string =>
  reply
    .replace(/:\d+\r\n/g, ':N\r\n')
    .replace(/(high|low) \d+ ms/g, '$1 N ms')
    .replace(/\$\d+\r\n/, '$L\r\n');

describe('latency monitor', () => {
  test('two slow commands a second apart: LATEST, HISTORY and the GRAPH drawing as Redis', async () => {
    await sameOnBoth(servers, async (port) => {
      const c = await RawClient.connect(port);
      try {
        await c.call('CONFIG', 'SET', 'latency-monitor-threshold', '100');
        await c.call('LATENCY', 'RESET');
        await c.call('DEBUG', 'SLEEP', '0.15');
        await sleep(1100);
        await c.call('DEBUG', 'SLEEP', '0.3');
        const latest = await c.callText('LATENCY', 'LATEST');
        const history = await c.callText('LATENCY', 'HISTORY', 'command');
        const graph = await c.callText('LATENCY', 'GRAPH', 'command');
        const max = /^\*1\r\n\*4\r\n\$7\r\ncommand\r\n:\d+\r\n:(\d+)\r\n:(\d+)\r\n$/.exec(latest);
        return {
          latest: masked(latest),
          worstIsLast: max !== null && max[1] === max[2] && Number(max[2]) >= 300,
          history: masked(history),
          // How long ago each sample was (the labels) depends on where in its second each sleep fell.
          graph: masked(graph).replace(/\d/g, 'D'),
          reset: await c.callText('LATENCY', 'RESET'),
        };
      } finally {
        await c.call('CONFIG', 'SET', 'latency-monitor-threshold', '0');
        await c.close();
      }
    });
  });

  test('an active expiry cycle that takes long is an expire-cycle event on both', async () => {
    await sameOnBoth(servers, async (port) => {
      const c = await RawClient.connect(port);
      try {
        await c.call('FLUSHALL');
        // The threshold is set before the load: a fast server can expire every key before the replies are read.
        await c.call('CONFIG', 'SET', 'latency-monitor-threshold', '1');
        await c.call('LATENCY', 'RESET');
        const frames: Buffer[] = [];
        for (let i = 0; i < 200_000; i++) frames.push(encodeCommand(['SET', `k:${i}`, 'v', 'PX', '100']));
        c.sendRaw(Buffer.concat(frames));
        for (let i = 0; i < 200_000; i++) await c.readReply();
        for (let i = 0; i < 100 && (await c.callText('DBSIZE')) !== ':0\r\n'; i++) await sleep(100);
        const latest = await c.callText('LATENCY', 'LATEST');
        return { emptied: await c.callText('DBSIZE'), expireCycle: latest.includes('expire-cycle') };
      } finally {
        await c.call('CONFIG', 'SET', 'latency-monitor-threshold', '0');
        await c.close();
      }
    });
  });
});

describe('latency tracking', () => {
  test('LATENCY HISTOGRAM lists the same commands with the same call counts', async () => {
    await sameOnBoth(servers, async (port) => {
      const c = await RawClient.connect(port);
      try {
        await c.call('CONFIG', 'RESETSTAT');
        await c.call('SET', 'a', 'b');
        await c.call('SET', 'c', 'd');
        await c.call('GET', 'a');
        await c.call('CLIENT', 'ID');
        const histogram = await c.callText('LATENCY', 'HISTOGRAM', 'set', 'client', 'nosuch');
        const calls = [...histogram.matchAll(/\$(\d+)\r\n([a-z|]+)\r\n\*4\r\n\$5\r\ncalls\r\n:(\d+)/g)].map(
          (m) => `${m[2]}=${m[3]}`,
        );
        const info = await c.callText('INFO', 'latencystats');
        const tracked = [
          ...info.matchAll(/latency_percentiles_usec_([a-z|]+):p50=[\d.]+,p99=[\d.]+,p99\.9=[\d.]+/g),
        ]
          .map((m) => m[1])
          .sort();
        return { calls, tracked };
      } finally {
        await c.close();
      }
    });
  });
});
