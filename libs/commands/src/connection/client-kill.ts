import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Err } from '../errors';
import { parseInteger } from '../args';
import { DEFAULT_USER } from './authenticate';
import { clientType, parseClientType, type ClientType } from './client-type';
import { ConnErr, noSuchUserError, unknownClientTypeError } from './errors';

interface KillFilter {
  id?: number;
  type?: ClientType;
  addr?: string;
  laddr?: string;
  skipMe: boolean;
}

/** Parses `<option> <value>` pairs (ID, TYPE, ADDR, LADDR, USER, SKIPME); null once an error has been replied. */
function parseFilter(client: Client, argv: string[]): KillFilter | null {
  const filter: KillFilter = { skipMe: true };
  for (let i = 2; i < argv.length; i += 2) {
    const option = argv[i].toLowerCase();
    const value = argv[i + 1];
    let error: string | null = null;
    if (value === undefined) {
      error = Err.syntax;
    } else if (option === 'id') {
      const id = parseInteger(value);
      if (id === null || id < 1) error = ConnErr.clientIdNotPositive;
      else filter.id = id;
    } else if (option === 'type') {
      filter.type = parseClientType(value);
      if (filter.type === undefined) error = unknownClientTypeError(value);
    } else if (option === 'addr') {
      filter.addr = value;
    } else if (option === 'laddr') {
      filter.laddr = value;
    } else if (option === 'user') {
      // Every connection is the default user's; any other name does not exist.
      if (value !== DEFAULT_USER) error = noSuchUserError(value);
    } else if (option === 'skipme') {
      const v = value.toLowerCase();
      if (v === 'yes' || v === 'no') filter.skipMe = v === 'yes';
      else error = Err.syntax;
    } else {
      error = Err.syntax;
    }
    if (error !== null) {
      client.reply.error(error);
      return null;
    }
  }
  return filter;
}

function matches(c: Client, caller: Client, f: KillFilter): boolean {
  if (f.addr !== undefined && c.transport.remoteAddress !== f.addr) return false;
  if (f.laddr !== undefined && c.transport.localAddress !== f.laddr) return false;
  if (c === caller && f.skipMe) return false;
  if (f.id !== undefined && c.id !== f.id) return false;
  return f.type === undefined || clientType(c) === f.type;
}

/** Closes the matching clients (the caller only after its reply) and returns how many matched. */
function killMatching(caller: Client, f: KillFilter): number {
  const server = caller.server;
  let killed = 0;
  for (const c of [...server.clients.values()]) {
    if (!matches(c, caller, f)) continue;
    killed++;
    if (c === caller) {
      caller.transport.closeAfterReply();
      continue;
    }
    // Unlink at once, as Redis frees the client: a CLIENT LIST right after must not show it.
    server.clients.delete(c.id);
    server.monitors.delete(c);
    c.transport.kill();
  }
  return killed;
}

/** CLIENT KILL <ip:port> (old form: +OK or an error) or CLIENT KILL <filter> <value> ... (the number killed). */
export const clientKillCommand = defineCommand({
  name: 'client|kill',
  arity: -3,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  categories: ['admin', 'slow', 'dangerous', 'connection'],
  group: 'connection',
  summary: 'Kill the connection of a client',
  since: '2.4.0',
  complexity: 'O(N) where N is the number of client connections',
  execute(client: Client, argv: string[]): void {
    if (argv.length === 3) {
      const killed = killMatching(client, { addr: argv[2], skipMe: false });
      if (killed === 0) client.reply.error(ConnErr.noSuchClient);
      else client.reply.ok();
      return;
    }
    const filter = parseFilter(client, argv);
    if (filter !== null) client.reply.integer(killMatching(client, filter));
  },
});
