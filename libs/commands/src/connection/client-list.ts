import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Err } from '../errors';
import { parseI64 } from '../args';
import { clientInfoLine } from './client-line';
import { clientType, parseClientType } from './client-type';
import { ConnErr, unknownClientTypeError } from './errors';

/** The clients CLIENT LIST describes: all, those of one TYPE, or the given IDs in the given order (repeats too). */
function selectClients(client: Client, argv: string[]): Client[] | null {
  const clients = client.server.clients;
  if (argv.length === 2) return [...clients.values()];
  const option = argv[2].toLowerCase();
  if (argv.length === 4 && option === 'type') {
    const type = parseClientType(argv[3]);
    if (type === undefined) {
      client.reply.error(unknownClientTypeError(argv[3]));
      return null;
    }
    return [...clients.values()].filter((c) => clientType(c) === type);
  }
  if (argv.length > 3 && option === 'id') {
    const selected: Client[] = [];
    for (let i = 3; i < argv.length; i++) {
      const id = parseI64(argv[i]);
      if (id === null) {
        client.reply.error(ConnErr.invalidClientId);
        return null;
      }
      const found = clients.get(Number(id));
      if (found !== undefined) selected.push(found);
    }
    return selected;
  }
  client.reply.error(Err.syntax);
  return null;
}

export const clientListCommand = defineCommand({
  name: 'client|list',
  arity: -2,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  categories: ['admin', 'slow', 'dangerous', 'connection'],
  group: 'connection',
  summary: 'Get the list of client connections',
  since: '2.4.0',
  complexity: 'O(N) where N is the number of client connections',
  execute(client: Client, argv: string[]): void {
    const selected = selectClients(client, argv);
    if (selected === null) return;
    const now = Date.now();
    let text = '';
    for (const c of selected) text += clientInfoLine(c, client, argv, now) + '\n';
    client.reply.verbatim(text, 'txt');
  },
});
