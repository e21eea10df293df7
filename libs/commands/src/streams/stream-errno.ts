import type { ServerContext } from '../server-context';

/**
 * Redis's XADD picks its error text from the C `errno` left behind: a failed `ms-*` sequence overflow sets no errno
 * of its own, so it reports "equal or smaller" when an earlier XADD left EDOM there and "too large" otherwise.
 * The model keeps the two stream-code events that write errno: an XADD ID rejection sets EDOM; an ID argument
 * that needs strtoull (not a plain integer) clears it. Other system calls Redis makes in between (accepting a
 * connection, for one) are not modelled.
 */
const edomServers = new WeakSet<ServerContext>();

export function setEdom(server: ServerContext): void {
  edomServers.add(server);
}

export function clearErrno(server: ServerContext): void {
  edomServers.delete(server);
}

export function errnoIsEdom(server: ServerContext): boolean {
  return edomServers.has(server);
}
