import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Err } from '../errors';
import { authenticate, DEFAULT_USER, redact } from './authenticate';
import { ConnErr } from './errors';

/** AUTH <password> (the default user) or AUTH <username> <password>. */
export const authCommand = defineCommand({
  name: 'auth',
  arity: -2,
  flags: ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'allow_busy'],
  categories: ['fast', 'connection'],
  group: 'connection',
  summary: 'Authenticate to the server',
  since: '1.0.0',
  complexity: 'O(N) where N is the number of passwords defined for the user',
  execute(client: Client, argv: string[]): void {
    const argc = argv.length;
    const username = argc === 3 ? argv[1] : DEFAULT_USER;
    const password = argv[argc - 1];
    redact(argv, 1, argc - 1);
    if (argc > 3) {
      client.reply.error(Err.syntax);
    } else if (argc === 2 && client.server.requirePass() === '') {
      client.reply.error(ConnErr.authWithoutPassword);
    } else if (authenticate(client, username, password, argv)) {
      client.reply.ok();
    } else {
      client.reply.error(Err.wrongPass);
    }
  },
});
