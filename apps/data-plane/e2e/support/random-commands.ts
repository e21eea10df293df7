import { parseFrame, show, type RespNode } from './resp-frames';
import type { RawClient } from './raw-client';

/**
 * Random calls of any command: argument counts around the command's arity, drawn from the keys of a fixed dataset
 * (one key per type, plus missing ones), the command's own keywords (the `token`s of Redis's COMMAND DOCS) and
 * values that sit on parsing edges (signs, 64-bit bounds, inf/nan, range and stream-id syntax, odd bytes).
 */

/**
 * Left out, with the reason: they change the connection (or the server) for every later call, wait, or answer
 * with the server's own state rather than the dataset's.
 */
export const LEFT_OUT = new Set([
  // connection state or mode
  ...['hello', 'auth', 'select', 'reset', 'quit', 'client', 'multi', 'exec', 'discard', 'watch', 'unwatch'],
  ...['subscribe', 'psubscribe', 'ssubscribe', 'unsubscribe', 'punsubscribe', 'sunsubscribe', 'monitor'],
  // server state, other databases, or the process itself
  ...['shutdown', 'replicaof', 'slaveof', 'replconf', 'psync', 'sync', 'failover', 'config', 'debug', 'save'],
  ...['bgsave', 'flushall', 'flushdb', 'move', 'swapdb'],
  // blocking
  ...['blpop', 'brpop', 'brpoplpush', 'blmove', 'blmpop', 'bzpopmin', 'bzpopmax', 'bzmpop', 'wait'],
  // replies about the server, not the data (the command table differs: Drake has fewer commands)
  ...['command', 'info', 'time', 'lastsave', 'memory', 'slowlog', 'latency', 'acl', 'module'],
]);

/** The keys the dataset holds (see DATASET), plus two that it does not. */
const KEYS = ['str', 'num', 'fnum', 'list', 'hash', 'set', 'iset', 'zset', 'stream', 'hll', 'bits'];
const ABSENT_KEYS = ['missing', 'dst'];

/** One key of every type, a consumer group with a pending entry: what each call starts from. */
export const DATASET: readonly string[][] = [
  ['SET', 'str', 'hello'],
  ['SET', 'num', '10'],
  ['SET', 'fnum', '1.5'],
  ['RPUSH', 'list', 'a', 'b', 'c', '1', '2'],
  ['HSET', 'hash', 'f1', 'v1', 'f2', '2'],
  ['SADD', 'set', 'a', 'b', 'c', '1'],
  ['SADD', 'iset', '1', '2', '3'],
  ['ZADD', 'zset', '1', 'a', '2', 'b', '3', 'c'],
  ['XADD', 'stream', '1-1', 'f', 'v'],
  ['XADD', 'stream', '2-2', 'f', 'w'],
  ['XGROUP', 'CREATE', 'stream', 'g', '0'],
  ['XREADGROUP', 'GROUP', 'g', 'c1', 'COUNT', '1', 'STREAMS', 'stream', '>'],
  ['PFADD', 'hll', 'a', 'b', 'c'],
  ['SET', 'bits', '\xff\x00\x0f'],
];

/** FLUSHALL and the dataset, pipelined. */
export async function resetDataset(client: RawClient): Promise<void> {
  client.send('FLUSHALL');
  for (const argv of DATASET) client.send(...argv);
  for (let i = 0; i <= DATASET.length; i++) {
    const reply = await client.readReply();
    if (reply[0] === 0x2d) throw new Error(`dataset command failed: ${show(reply)}`);
  }
}

const VALUES = [
  ...[
    '0',
    '1',
    '-1',
    '2',
    '3',
    '10',
    '-10',
    '100',
    '-0',
    '0.0',
    '1.5',
    '-2.5',
    '1e3',
    '0x10',
    ' 1',
    '1 ',
    '',
  ],
  ...['inf', '-inf', '+inf', 'nan', '9223372036854775807', '-9223372036854775808', '9223372036854775808'],
  // Past a double's range (refused as a score, infinite as a range bound, fine as a long double) and hex floats.
  ...['1e400', '-1e400', '2e-324', '1e5000', '0x1.8p1', '-0X.8P1', '0x1p-1080', '0x1p1024'],
  ...['4294967296', '2147483648', '100000000000', '-100000000000', '18446744073709551615'],
  ...['(1', '[a', '(a', '-', '+', '[', '*', '$', '>', '?', 'h*', '#1', 'u8', 'i16'],
  ...['0-0', '1-1', '2-2', '1-*', '18446744073709551615-18446744073709551615'],
  ...['a', 'b', 'c', 'f1', 'f2', 'v', 'g', 'c1'],
];

/** What the generator needs to know of one command (from the oracle). */
export interface CommandShape {
  readonly name: string;
  /** |arity|: the fewest arguments, the command name included. */
  readonly arity: number;
  /** Subcommand names of a container command (CONFIG, XINFO…), else empty. */
  readonly subcommands: readonly string[];
  /** Keywords the command takes (COUNT, WITHSCORES, MAXLEN…). */
  readonly tokens: readonly string[];
}

/** mulberry32: a small seeded generator, so a failing run replays from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One random call of `shape`. */
export function randomCall(shape: CommandShape, random: () => number): string[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const argv = [shape.name];
  if (shape.subcommands.length > 0) argv.push(pick(shape.subcommands));
  // Mostly enough arguments to get past the arity check, sometimes any count.
  const count =
    random() < 0.2
      ? Math.floor(random() * 8)
      : Math.max(0, shape.arity - argv.length) + Math.floor(random() * 5);
  for (let i = 0; i < count; i++) {
    const roll = random();
    if (roll < 0.3) argv.push(pick(KEYS));
    else if (roll < 0.35) argv.push(pick(ABSENT_KEYS));
    else if (roll < 0.6 && shape.tokens.length > 0) argv.push(pick(shape.tokens));
    else if (roll < 0.92) argv.push(pick(VALUES));
    else argv.push(randomBytes(random));
  }
  return argv;
}

function randomBytes(random: () => number): string {
  const length = Math.floor(random() * 5);
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(Math.floor(random() * 256));
  return text;
}

/** The shapes of `names`, read from the oracle's COMMAND INFO and COMMAND DOCS. */
export async function commandShapes(
  oracle: RawClient,
  names: readonly string[],
  subcommands: ReadonlyMap<string, readonly string[]>,
): Promise<CommandShape[]> {
  const shapes: CommandShape[] = [];
  for (const name of names) {
    const info = parseFrame(await oracle.call('COMMAND', 'INFO', name)).node;
    const docs = parseFrame(await oracle.call('COMMAND', 'DOCS', name)).node;
    shapes.push({
      name,
      arity: Math.abs(Number(info.items?.[0]?.items?.[1]?.text ?? 1)),
      subcommands: subcommands.get(name) ?? [],
      tokens: [...collectTokens(docs, new Set<string>())],
    });
  }
  return shapes;
}

/** Every `token` value anywhere in a COMMAND DOCS reply (arguments nest: blocks and oneofs hold arguments). */
function collectTokens(node: RespNode, into: Set<string>): Set<string> {
  const items = node.items ?? [];
  // A RESP2 map is a flat array: keys at even positions.
  for (let i = 0; i + 1 < items.length; i += 2) {
    if (items[i].text === 'token' && items[i + 1].text !== undefined) into.add(items[i + 1].text as string);
  }
  for (const item of items) collectTokens(item, into);
  return into;
}

async function commandList(client: RawClient): Promise<string[]> {
  const list = parseFrame(await client.call('COMMAND', 'LIST')).node;
  return (list.items ?? []).map((item) => item.text as string);
}

/** The commands (and subcommands) both servers have, minus LEFT_OUT, with the oracle's description of each. */
export async function commonCommands(oracle: RawClient, subject: RawClient): Promise<CommandShape[]> {
  const ours = new Set(await commandList(subject));
  const shared = (await commandList(oracle)).filter((name) => ours.has(name)).sort();
  const subcommands = new Map<string, string[]>();
  for (const name of shared.filter((n) => n.includes('|'))) {
    const [container, sub] = name.split('|');
    subcommands.set(container, [...(subcommands.get(container) ?? []), sub]);
  }
  const names = shared.filter((name) => !name.includes('|') && !LEFT_OUT.has(name));
  return commandShapes(oracle, names, subcommands);
}

/**
 * What cannot be compared is taken out of a call: XREAD's BLOCK (it would wait), XADD's `*` (an ID from each
 * server's clock: a fixed `9-*` instead), TTLs of a few ms, and RAND counts in the millions and more (Redis builds
 * such a reply until memory runs out; Drake's limit is tested in bad-input.e2e.spec.ts).
 */
export function comparable(argv: string[]): string[] {
  const name = argv[0];
  if (name === 'xread' || name === 'xreadgroup') {
    const at = argv.findIndex((arg, i) => i > 0 && arg.toUpperCase() === 'BLOCK');
    return at < 0 ? argv : [...argv.slice(0, at), ...argv.slice(at + 2)];
  }
  if (name === 'xadd') return argv.map((arg) => (arg === '*' ? '9-*' : arg));
  // A TTL of a few ms would run out between the call and the digest on one server and not on the other.
  if (name === 'psetex' || name === 'pexpire' || argv.some((arg) => arg.toUpperCase() === 'PX'))
    return argv.map((arg) => (/^[1-9]\d{0,3}$/.test(arg) ? '100000' : arg));
  if (name === 'srandmember' || name === 'hrandfield' || name === 'zrandmember')
    return argv.map((arg) => (Math.abs(Number(arg)) > 1_000_000 ? '-3' : arg));
  return argv;
}
