import type { Client } from '../client';

/**
 * CLIENT LIST flags in Redis's order: O monitor or S replica, M master, P subscriber, x MULTI, b blocked, t tracking
 * (R its redirect is gone, B broadcasting), d dirty WATCH, U unix socket, e no-evict; N for none.
 */
function clientFlags(c: Client): string {
  let flags = '';
  if (c.isMonitor) flags += 'O';
  else if (c.isReplicaLink) flags += 'S';
  if (c.isMasterLink) flags += 'M';
  if (c.subscriptions !== null) flags += 'P';
  if (c.multi !== null) flags += 'x';
  if (c.blocked !== null) flags += 'b';
  if (c.tracking !== null) flags += 't';
  if (c.tracking?.brokenRedirect === true) flags += 'R';
  if (c.tracking?.bcast === true) flags += 'B';
  if (c.watchDirty) flags += 'd';
  if (c.transport.unixSocket) flags += 'U';
  if (c.noEvict) flags += 'e';
  return flags === '' ? 'N' : flags;
}

/**
 * One CLIENT LIST line with Redis 7.0's fields in its order. `caller` is the client running the command: it is
 * busy now (idle 0) and its arguments are the argv in memory. The master link has no user: Redis prints
 * `(superuser)`.
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
  const subs = c.subscriptions;
  const pubsub =
    subs === null
      ? 'sub=0 psub=0 ssub=0'
      : `sub=${subs.channels.size} psub=${subs.patterns.size} ssub=${subs.shardChannels.size}`;
  return (
    `id=${c.id} addr=${t.remoteAddress} laddr=${t.localAddress} fd=${t.fd} name=${c.name} ` +
    `age=${Math.floor((now - c.createdAtMs) / 1000)} idle=${idle} flags=${clientFlags(c)} db=${c.dbIndex} ` +
    `${pubsub} multi=${c.multi === null ? -1 : c.multi.length} qbuf=${qbuf} qbuf-free=0 argv-mem=${argvMem} multi-mem=0 ` +
    `rbs=${c.reply.length} rbp=${c.reply.length} obl=0 oll=0 omem=${omem} tot-mem=${qbuf + omem + argvMem} ` +
    `events=r${omem > 0 ? 'w' : ''} cmd=${c.inExec ? 'exec' : c.lastCommand} user=${c.isMasterLink ? '(superuser)' : 'default'} redir=${c.tracking === null ? -1 : c.tracking.redirect} resp=${c.reply.protocol}`
  );
}
