import { RawClient, type Arg } from './raw-client';
import { parseFrame, show } from './resp-frames';

/** Turns a reply into the string compared across servers; used only where a reply legitimately varies. */
export type Normalizer = (reply: Buffer) => string;

/** One command of a sequence and how its replies are compared (exact bytes unless told otherwise). */
export interface Step {
  readonly argv: readonly Arg[];
  /** Map the reply before comparing (mask ids, sort unordered lists). */
  readonly norm?: Normalizer;
  /** Integer replies that tick (TTL, PTTL, OBJECT IDLETIME): equal within this tolerance when both are ≥ 0. */
  readonly near?: number;
  /** Replaces send-and-read: runs its own exchange (e.g. a full SCAN loop) and returns the text to compare. */
  readonly drive?: (client: RawClient) => Promise<string>;
}

export type StepInput = string | readonly Arg[] | Step;

export interface Pair {
  readonly argv: readonly Arg[];
  readonly a: string;
  readonly b: string;
  readonly same: boolean;
}

export interface RunOptions {
  /** 2 = plain RESP2 connection; 3 = HELLO 3 first (its reply compared with the id and version masked). */
  readonly protocol: 2 | 3;
  /** FLUSHALL before the sequence (default true). */
  readonly flush?: boolean;
}

/**
 * Splits a command line like redis-cli does: spaces separate arguments; "double quotes" take \xHH \n \r \t \" \\
 * escapes; 'single quotes' are literal.
 */
export function cmd(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ') i++;
    if (i >= line.length) break;
    let arg = '';
    if (line[i] === '"') {
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && i + 1 < line.length) {
          const next = line[i + 1];
          if (next === 'x') {
            arg += String.fromCharCode(parseInt(line.slice(i + 2, i + 4), 16));
            i += 4;
            continue;
          }
          arg += next === 'n' ? '\n' : next === 'r' ? '\r' : next === 't' ? '\t' : next;
          i += 2;
          continue;
        }
        arg += line[i++];
      }
      if (line[i] !== '"') throw new Error(`unbalanced quotes in test line: ${line}`);
      i++;
    } else if (line[i] === "'") {
      const close = line.indexOf("'", i + 1);
      if (close < 0) throw new Error(`unbalanced quotes in test line: ${line}`);
      arg = line.slice(i + 1, close);
      i = close + 1;
    } else {
      while (i < line.length && line[i] !== ' ') arg += line[i++];
    }
    out.push(arg);
  }
  return out;
}

export function toStep(input: StepInput): Step {
  if (typeof input === 'string') return { argv: cmd(input) };
  if (Array.isArray(input)) return { argv: input as readonly Arg[] };
  return input as Step;
}

/** A step whose reply is masked/sorted by `norm`. */
export function withNorm(line: string | readonly Arg[], norm: Normalizer): Step {
  return { argv: typeof line === 'string' ? cmd(line) : line, norm };
}

/** A step whose integer reply may tick between the two servers. */
export function near(line: string, tolerance: number): Step {
  return { argv: cmd(line), near: tolerance };
}

/** The HELLO reply (RESP2 array or RESP3 map) with the values of `id` and `version` masked. */
export const helloNorm: Normalizer = (reply) => maskMapValues(reply, ['id', 'version']);

export function maskMapValues(reply: Buffer, fields: readonly string[]): string {
  const { node } = parseFrame(reply);
  if (!node.items) return reply.toString('latin1');
  const parts = [`${node.type}${node.items.length}`];
  for (let i = 0; i < node.items.length; i += 2) {
    const key = node.items[i].text ?? '';
    const value = node.items[i + 1];
    parts.push(`${key}=${fields.includes(key) ? '<masked>' : value ? value.raw.toString('latin1') : ''}`);
  }
  return parts.join('|');
}

/** Any integer reply counts as the same; other replies still compare exactly. */
export const anyInteger: Normalizer = (reply) =>
  reply[0] === 0x3a ? ':<integer>' : reply.toString('latin1');

/** Aggregates compared as multisets (KEYS, unordered replies); everything else exactly. */
export const sortedItems: Normalizer = (reply) => {
  const { node } = parseFrame(reply);
  if (!node.items) return reply.toString('latin1');
  const items = node.items.map((item) => item.raw.toString('latin1')).sort();
  return `${node.type}${items.length}\r\n${items.join('')}`;
};

/** Flat pair lists (RESP2 CONFIG GET with a glob) or maps: compared as a set of key/value pairs. */
export const sortedPairs: Normalizer = (reply) => {
  const { node } = parseFrame(reply);
  if (!node.items) return reply.toString('latin1');
  const pairs: string[] = [];
  for (let i = 0; i < node.items.length; i += 2) {
    pairs.push(node.items[i].raw.toString('latin1') + (node.items[i + 1]?.raw.toString('latin1') ?? ''));
  }
  return `${node.type}${node.items.length}\r\n${pairs.sort().join('')}`;
};

/** SCAN followed to cursor 0; the union of the keys compared as a sorted list, the reply shape checked each turn. */
export function scanAll(extra: readonly string[] = []): Step {
  return {
    argv: ['SCAN', '0', ...extra],
    drive: async (client) => {
      const keys: string[] = [];
      let cursor = '0';
      for (let turn = 0; turn < 100_000; turn++) {
        const reply = await client.call('SCAN', cursor, ...extra);
        const { node } = parseFrame(reply);
        const [next, batch] = node.items ?? [];
        if (node.type !== '*' || node.items?.length !== 2 || next.type !== '$' || !batch.items) {
          return `bad SCAN reply ${show(reply)}`;
        }
        for (const item of batch.items) keys.push(item.raw.toString('latin1'));
        cursor = next.text ?? '0';
        if (cursor === '0') break;
      }
      return `SCAN* ${keys.sort().join('')}`;
    },
  };
}

function compareReplies(step: Step, a: string, b: string): boolean {
  if (a === b) return true;
  if (step.near === undefined || a[0] !== ':' || b[0] !== ':') return false;
  const x = Number(a.slice(1, -2));
  const y = Number(b.slice(1, -2));
  return x >= 0 && y >= 0 && Math.abs(x - y) <= step.near;
}

async function exchange(client: RawClient, step: Step): Promise<string> {
  if (step.drive) return step.drive(client);
  const reply = await client.call(...step.argv);
  return step.norm ? step.norm(reply) : reply.toString('latin1');
}

/** Opens one connection per server (HELLO 3 first in RESP3 mode), flushes, and runs `steps` on both in lockstep. */
export async function runDifferential(
  portA: number,
  portB: number,
  inputs: readonly StepInput[],
  options: RunOptions,
): Promise<Pair[]> {
  const steps: Step[] = [];
  if (options.protocol === 3) steps.push({ argv: ['HELLO', '3'], norm: helloNorm });
  if (options.flush !== false) steps.push({ argv: ['FLUSHALL'] });
  steps.push(...inputs.map(toStep));
  const [a, b] = await Promise.all([RawClient.connect(portA), RawClient.connect(portB)]);
  const pairs: Pair[] = [];
  try {
    for (const step of steps) {
      const [ra, rb] = await Promise.all([exchange(a, step), exchange(b, step)]);
      pairs.push({ argv: step.argv, a: ra, b: rb, same: compareReplies(step, ra, rb) });
    }
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
  return pairs;
}

/** Readable transcript of a run with every mismatch marked, or null when all replies matched. */
export function mismatchReport(pairs: readonly Pair[], labelA: string, labelB: string): string | null {
  if (pairs.every((p) => p.same)) return null;
  const lines = pairs.map((p) => {
    const command = p.argv
      .map((arg) => show(typeof arg === 'string' ? arg : arg.toString('latin1')))
      .join(' ');
    if (p.same) return `  ${command} → ${show(p.a)}`;
    return `✗ ${command}\n      ${labelA}: ${show(p.a)}\n      ${labelB}: ${show(p.b)}`;
  });
  return `replies differ:\n${lines.join('\n')}`;
}
