import type { Client } from '../client';
import { defineCommand, type CommandSpec } from '../command-spec';
import { lookupByFullName } from '../server/command-lookup';
import { defineContainer, defineHelpSubcommand } from '../server/help';
import { latencyDoctor } from './latency-doctor';
import { latencyGraph } from './latency-graph';
import type { LatencyHistogram } from './latency-histogram';

const HELP = [
  'DOCTOR',
  '    Return a human readable latency analysis report.',
  'GRAPH <event>',
  '    Return an ASCII latency graph for the <event> class.',
  'HISTORY <event>',
  '    Return time-latency samples for the <event> class.',
  'LATEST',
  '    Return the latest latency samples for all events.',
  'RESET [<event> ...]',
  '    Reset latency data of one or more <event> classes.',
  '    (default: reset all data for all event classes)',
  'HISTOGRAM [COMMAND ...]',
  '    Return a cumulative distribution of latencies in the format of a histogram for the specified command names.',
  '    If no commands are specified then all histograms are replied.',
];

const ADMIN = {
  flags: ['admin', 'noscript', 'loading', 'stale'],
  categories: ['admin', 'slow', 'dangerous'],
  group: 'server',
  since: '2.8.13',
  complexity: 'O(1)',
} as const;

const latencyDoctorCommand = defineCommand({
  ...ADMIN,
  name: 'latency|doctor',
  arity: 2,
  summary: 'Return a human readable latency analysis report.',
  execute(client: Client): void {
    client.reply.verbatim(latencyDoctor(client.server.stats.latency));
  },
});

const latencyLatestCommand = defineCommand({
  ...ADMIN,
  name: 'latency|latest',
  arity: 2,
  summary: 'Return the latest latency samples for all events.',
  execute(client: Client): void {
    const events = [...client.server.stats.latency.all()];
    client.reply.array(events.length);
    for (const [name, series] of events) {
      const last = series.latest;
      client.reply.array(4);
      client.reply.bulk(name);
      client.reply.integer(last?.time ?? 0);
      client.reply.integer(last?.latency ?? 0);
      client.reply.integer(series.max);
    }
  },
});

const latencyHistoryCommand = defineCommand({
  ...ADMIN,
  name: 'latency|history',
  arity: 3,
  summary: 'Return timestamp-latency samples for the event.',
  execute(client: Client, argv: string[]): void {
    const samples = client.server.stats.latency.series(argv[2])?.inOrder() ?? [];
    client.reply.array(samples.length);
    for (const s of samples) {
      client.reply.array(2);
      client.reply.integer(s.time);
      client.reply.integer(s.latency);
    }
  },
});

const latencyHistogramCommand = defineCommand({
  ...ADMIN,
  name: 'latency|histogram',
  arity: -2,
  summary: 'Return the cumulative distribution of latencies of a subset of commands or all.',
  since: '7.0.0',
  complexity: 'O(N) where N is the number of commands with latency information being retrieved.',
  execute(client: Client, argv: string[]): void {
    const histograms = histogramsFor(client, argv.slice(2));
    client.reply.map(histograms.length);
    for (const [name, histogram] of histograms) {
      client.reply.bulk(name);
      client.reply.map(2);
      client.reply.bulk('calls');
      client.reply.integer(histogram.total);
      client.reply.bulk('histogram_usec');
      const cdf = histogram.cdf();
      client.reply.map(cdf.length);
      for (const [us, count] of cdf) {
        client.reply.integer(us);
        client.reply.integer(count);
      }
    }
  },
});

const latencyResetCommand = defineCommand({
  ...ADMIN,
  name: 'latency|reset',
  arity: -2,
  summary: 'Reset latency data for one or more events.',
  execute(client: Client, argv: string[]): void {
    const monitor = client.server.stats.latency;
    let resets = argv.length === 2 ? monitor.reset(null) : 0;
    for (let i = 2; i < argv.length; i++) resets += monitor.reset(argv[i]);
    client.reply.integer(resets);
  },
});

const latencyGraphCommand = defineCommand({
  ...ADMIN,
  name: 'latency|graph',
  arity: 3,
  summary: 'Return a latency graph for the event.',
  execute(client: Client, argv: string[]): void {
    const monitor = client.server.stats.latency;
    const series = monitor.series(argv[2]);
    if (series === undefined) client.reply.error(`ERR No samples available for event '${argv[2]}'`);
    else client.reply.verbatim(latencyGraph(argv[2], series, monitor.nowSeconds()));
  },
});

/**
 * The histograms LATENCY HISTOGRAM lists: of every command that ran, or of the named ones (a container stands for
 * its subcommands; unknown names are skipped), in command-table order.
 */
function histogramsFor(client: Client, names: string[]): [string, LatencyHistogram][] {
  const out: [string, LatencyHistogram][] = [];
  const add = (spec: CommandSpec): void => {
    const histogram = client.server.stats.commandCalls.get(spec.name)?.histogram;
    if (histogram != null && histogram.total > 0) out.push([spec.name, histogram]);
    for (const sub of spec.subcommands ?? []) add(sub);
  };
  if (names.length === 0) {
    for (const spec of client.server.commands.all()) add(spec);
    return out;
  }
  for (const name of names) {
    const spec = lookupByFullName(client.server.commands, name);
    if (spec !== undefined) add(spec);
  }
  return out;
}

/** LATENCY is a container: the dispatcher runs `latency|<sub>`. */
export const latencyCommand = defineContainer({
  name: 'latency',
  summary: 'A container for latency diagnostics commands',
  since: '2.8.13',
  // In the order Redis 7.0's COMMAND lists them.
  subcommands: [
    latencyDoctorCommand,
    latencyLatestCommand,
    // Redis 7.0's summary of this one HELP ends with a period.
    defineHelpSubcommand('latency', '2.8.13', HELP, 'Show helpful text about the different subcommands.'),
    latencyHistoryCommand,
    latencyHistogramCommand,
    latencyResetCommand,
    latencyGraphCommand,
  ],
});
