import type { Client } from '../client';

/** CLIENT LIST flags: O monitor, e no-evict, N when none (the others need features Drake lacks). */
function clientFlags(c: Client): string {
  let flags = '';
  if (c.isMonitor) flags += 'O';
  if (c.noEvict) flags += 'e';
  return flags === '' ? 'N' : flags;
}

/**
 * One CLIENT LIST line with Redis 7.0's fields in its order. `caller` is the client running the command: it is
 * busy now (idle 0) and its arguments are the argv in memory.
 */
export function clientInfoLine(
  c: Client,
  caller: Client,
  callerArgv: readonly string[],
  now: number,
): string {
  const t = c.transport;
  let argvMem = 0;
  if (c === caller) for (const a of callerArgv) argvMem += a.length;
  const idle = c === caller ? 0 : Math.floor((now - c.lastInteractionMs) / 1000);
  const qbuf = t.queryBufferBytes;
  const omem = t.outputBufferBytes;
  return (
    `id=${c.id} addr=${t.remoteAddress} laddr=${t.localAddress} fd=${t.fd} name=${c.name} ` +
    `age=${Math.floor((now - c.createdAtMs) / 1000)} idle=${idle} flags=${clientFlags(c)} db=${c.dbIndex} ` +
    `sub=0 psub=0 ssub=0 multi=-1 qbuf=${qbuf} qbuf-free=0 argv-mem=${argvMem} multi-mem=0 ` +
    `rbs=${c.reply.length} rbp=${c.reply.length} obl=0 oll=0 omem=${omem} tot-mem=${qbuf + omem + argvMem} ` +
    `events=r${omem > 0 ? 'w' : ''} cmd=${c.lastCommand} user=default redir=-1 resp=${c.reply.protocol}`
  );
}
