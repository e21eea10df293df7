import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { isValidClientName } from './client-name';

/**
 * CLIENT SETINFO LIB-NAME|LIB-VER <value>, as Redis 7.2 has it (7.0 lacks it, but client libraries such as
 * node-redis send it on connect). The values are kept on the client; CLIENT LIST keeps 7.0's fields and does not
 * show them.
 */
export const clientSetinfoCommand = defineCommand({
  name: 'client|setinfo',
  arity: 4,
  flags: ['noscript', 'loading', 'stale'],
  categories: ['slow', 'connection'],
  group: 'connection',
  summary: 'Set client or connection specific info',
  since: '7.2.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const attribute = argv[2].toLowerCase();
    if (attribute !== 'lib-name' && attribute !== 'lib-ver') {
      client.reply.error(`ERR Unrecognized option '${argv[2]}'`);
      return;
    }
    if (!isValidClientName(argv[3])) {
      client.reply.error(`ERR ${argv[2]} cannot contain spaces, newlines or special characters.`);
      return;
    }
    if (attribute === 'lib-name') client.libName = argv[3];
    else client.libVersion = argv[3];
    client.reply.ok();
  },
});
