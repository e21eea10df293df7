import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { parseI64 } from '../args';
import { REDIS_VERSION } from '../server/version';
import { authenticate, redact } from './authenticate';
import { isValidClientName } from './client-name';
import { ConnErr, helloOptionError } from './errors';
import { Err } from '../errors';

interface HelloOptions {
  auth?: [string, string];
  name?: string;
}

/** AUTH <user> <pass> and SETNAME <name> after the version; null once an error has been replied. */
function parseOptions(client: Client, argv: string[]): HelloOptions | null {
  const options: HelloOptions = {};
  for (let j = 2; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    const option = argv[j].toLowerCase();
    if (option === 'auth' && more >= 2) {
      options.auth = [argv[j + 1], argv[j + 2]];
      redact(argv, j + 1, j + 2);
      j += 2;
    } else if (option === 'setname' && more >= 1) {
      if (!isValidClientName(argv[j + 1])) {
        client.reply.error(ConnErr.badClientName);
        return null;
      }
      options.name = argv[j + 1];
      j++;
    } else {
      client.reply.error(helloOptionError(argv[j]));
      return null;
    }
  }
  return options;
}

/** "master", or "replica" when the app's replication section says the server follows a master. */
function role(client: Client): string {
  const replication = client.server.infoSections.get('replication');
  return replication !== undefined && /^role:slave\b/m.test(replication()) ? 'replica' : 'master';
}

/** The server description HELLO answers with: a map in RESP3, a flat array in RESP2. */
function replyHello(client: Client): void {
  const reply = client.reply;
  reply.map(7);
  reply.bulk('server');
  reply.bulk('redis');
  reply.bulk('version');
  reply.bulk(REDIS_VERSION);
  reply.bulk('proto');
  reply.integer(reply.protocol);
  reply.bulk('id');
  reply.integer(client.id);
  reply.bulk('mode');
  reply.bulk('standalone');
  reply.bulk('role');
  reply.bulk(role(client));
  reply.bulk('modules');
  reply.array(0);
}

/** HELLO [protover [AUTH user pass] [SETNAME name]]: authenticate, name, switch protocol, describe the server. */
export const helloCommand = defineCommand({
  name: 'hello',
  arity: -1,
  flags: ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'allow_busy'],
  categories: ['fast', 'connection'],
  group: 'connection',
  summary: 'Handshake with Redis',
  since: '6.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    let protocol: 2 | 3 | 0 = 0;
    if (argv.length >= 2) {
      const version = parseI64(argv[1]);
      if (version === null) {
        client.reply.error(ConnErr.protoNotInteger);
        return;
      }
      if (version !== 2n && version !== 3n) {
        client.reply.error(ConnErr.noProto);
        return;
      }
      protocol = version === 2n ? 2 : 3;
    }
    const options = parseOptions(client, argv);
    if (options === null) return;
    if (options.auth !== undefined && !authenticate(client, options.auth[0], options.auth[1], argv)) {
      client.reply.error(Err.wrongPass);
      return;
    }
    if (!client.authenticated) {
      client.reply.error(ConnErr.helloNoAuth);
      return;
    }
    if (options.name !== undefined) client.name = options.name;
    if (protocol !== 0) client.reply.protocol = protocol;
    replyHello(client);
  },
});
