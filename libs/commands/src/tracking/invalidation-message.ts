import type { Client } from '../client';

const INVALIDATE_PUSH = '>2\r\n$10\r\ninvalidate\r\n';
/** RESP2 through a redirect: a pub/sub message on __redis__:invalidate whose payload is the keys (or a null). */
const INVALIDATE_MESSAGE = '*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n';

function brokenRedirectPush(id: number): string {
  return `>2\r\n$21\r\ntracking-redir-broken\r\n:${id}\r\n`;
}

/**
 * Sends one invalidation (Redis's sendTrackingMessage): `payload` is the RESP value, an array of keys or a null.
 * It goes to the client the tracking client redirects to, if any; a redirect to a client that has gone sets the
 * R flag and, in RESP3, tells the tracking client. RESP3 receivers get a push; a RESP2 receiver only through a
 * redirect while it is subscribed to something; otherwise the message is dropped, as RESP2 cannot carry it.
 */
export function sendInvalidation(
  connected: ReadonlyMap<number, Client>,
  client: Client,
  payload: string,
): void {
  const redirect = client.tracking?.redirect ?? 0;
  let target = client;
  if (redirect !== 0) {
    const redirected = connected.get(redirect);
    if (redirected === undefined) {
      if (client.tracking !== null) client.tracking.brokenRedirect = true;
      if (client.reply.protocol === 3) deliver(client, brokenRedirectPush(redirect));
      return;
    }
    target = redirected;
  }
  if (target.reply.protocol === 3) deliver(target, INVALIDATE_PUSH + payload);
  else if (redirect !== 0 && target.subscriptions !== null) deliver(target, INVALIDATE_MESSAGE + payload);
}

function deliver(target: Client, frame: string): void {
  target.reply.raw(frame);
  target.transport.scheduleFlush();
}
