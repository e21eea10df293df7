import { cmd, type Normalizer, type Step } from './differential';
import { parseFrame, show } from './resp-frames';

/**
 * Steps that need more than one send-and-read: pipelines, commands that silence replies or close the connection,
 * values carried from one reply into the next command. Each returns the text compared across servers.
 */

/** Sends every command at once (one write) and reads one reply each: the server must answer a pipeline in order. */
export function pipeline(lines: readonly string[]): Step {
  const argvs = lines.map(cmd);
  return {
    argv: ['<pipeline>', ...lines],
    drive: async (client) => {
      for (const argv of argvs) client.send(...argv);
      const replies: string[] = [];
      for (let i = 0; i < argvs.length; i++) replies.push((await client.readReply()).toString('latin1'));
      return replies.join('');
    },
  };
}

/**
 * Sends commands of which some get no reply (CLIENT REPLY OFF/SKIP), then a PING sentinel; everything that arrives
 * before the sentinel's answer is compared.
 */
export function untilSentinel(lines: readonly string[]): Step {
  const argvs = lines.map(cmd);
  const sentinel = 'sentinel-7c1d';
  return {
    argv: ['<until-sentinel>', ...lines],
    drive: async (client) => {
      for (const argv of argvs) client.send(...argv);
      client.send('PING', sentinel);
      const replies: string[] = [];
      for (let i = 0; i < argvs.length + 1; i++) {
        const reply = (await client.readReply()).toString('latin1');
        if (reply === `$${sentinel.length}\r\n${sentinel}\r\n`) return replies.join('');
        replies.push(reply);
      }
      return `no sentinel reply; got ${replies.join('')}`;
    },
  };
}

/** A command after which the server closes the connection (QUIT): its reply and whether the close happened. */
export function thenClosed(line: string): Step {
  const argv = cmd(line);
  return {
    argv,
    drive: async (client) => {
      client.send(...argv);
      const { data, closed } = await client.readUntilClose();
      return `${data.toString('latin1')}${closed ? '<closed>' : '<open>'}`;
    },
  };
}

/** DUMP `source`, then RESTORE the payload on the same server with `restoreArgs` (e.g. `dst 0 REPLACE`). */
export function dumpRestore(source: string, restoreArgs: string): Step {
  const [target, ttl, ...options] = cmd(restoreArgs);
  return {
    argv: ['<dump-restore>', source, restoreArgs],
    drive: async (client) => {
      const dump = await client.call('DUMP', source);
      const { node } = parseFrame(dump);
      if (node.text === undefined) return `DUMP gave ${dump.toString('latin1')}`;
      const restored = await client.call(
        'RESTORE',
        target,
        ttl,
        Buffer.from(node.text, 'latin1'),
        ...options,
      );
      return `${dump.toString('latin1')} → ${restored.toString('latin1')}`;
    },
  };
}

/** TIME: two bulk strings of digits, microseconds below 1,000,000 (the values themselves always differ). */
export const timeShape: Normalizer = (reply) => {
  const { node } = parseFrame(reply);
  const [secs, micros] = node.items ?? [];
  const ok =
    node.type === '*' &&
    node.items?.length === 2 &&
    /^\d+$/.test(secs.text ?? '') &&
    /^\d+$/.test(micros.text ?? '') &&
    Number(micros.text) < 1_000_000 &&
    Math.abs(Number(secs.text) - Date.now() / 1000) < 3600;
  return ok ? 'TIME<ok>' : `TIME<bad> ${show(reply)}`;
};

const VOLATILE_CLIENT_FIELDS = new Set([
  'id',
  'addr',
  'laddr',
  'fd',
  'age',
  'idle',
  'qbuf',
  'qbuf-free',
  'argv-mem',
  'multi-mem',
  'rbs',
  'rbp',
  'obl',
  'oll',
  'omem',
  'tot-mem',
  'events',
]);

/**
 * CLIENT INFO / CLIENT LIST text with the per-connection values (ids, addresses, ages, buffer sizes) masked; field
 * names, their order and the stable values (name, flags, db, cmd, resp …) still compare exactly.
 */
export const clientInfoNorm: Normalizer = (reply) => {
  const { node } = parseFrame(reply);
  if (node.text === undefined) return reply.toString('latin1');
  const verbatim = node.type === '=';
  const body = verbatim ? node.text.slice(4) : node.text;
  const lines = body.split('\n').map((line) =>
    line
      .split(' ')
      .map((field) => {
        const eq = field.indexOf('=');
        const name = eq < 0 ? field : field.slice(0, eq);
        return VOLATILE_CLIENT_FIELDS.has(name) ? `${name}=<v>` : field;
      })
      .join(' '),
  );
  return `${node.type}${verbatim ? node.text.slice(0, 4) : ''}${lines.join('\n')}`;
};

/** INFO text reduced to its section headers (the field values are live statistics). */
export const infoSections: Normalizer = (reply) => {
  const { node } = parseFrame(reply);
  if (node.text === undefined) return reply.toString('latin1');
  return node.text
    .split('\r\n')
    .filter((line) => line.startsWith('#'))
    .join('|');
};
