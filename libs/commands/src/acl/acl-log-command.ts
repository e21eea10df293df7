import { parseI64 } from '../args';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Err, subcommandSyntaxError } from '../errors';

/** ACL LOG [count | RESET]: the newest `count` (10 by default) entries, each a map of seven fields. */
export const aclLogCommand = defineCommand({
  name: 'acl|log',
  arity: -2,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  categories: ['admin', 'slow', 'dangerous'],
  group: 'server',
  summary: 'List latest events denied because of ACLs in place',
  since: '6.0.0',
  complexity: 'O(N) with N being the number of entries shown.',
  execute(client: Client, argv: string[]): void {
    const reply = client.reply;
    const log = client.server.aclLog;
    if (argv.length > 3) return reply.error(subcommandSyntaxError('acl', argv[1]));
    let count = 10;
    if (argv.length === 3) {
      if (argv[2].toLowerCase() === 'reset') {
        log.reset();
        return reply.ok();
      }
      const n = parseI64(argv[2]);
      if (n === null) return reply.error(Err.notInteger);
      count = n < 0n ? 0 : Number(n); // newest() stops at the log's end
    }
    const now = Date.now();
    const entries = log.newest(count);
    reply.array(entries.length);
    for (const e of entries) {
      reply.map(7);
      reply.bulk('count');
      reply.integer(e.count);
      for (const [field, text] of [
        ['reason', e.reason],
        ['context', e.context],
        ['object', e.object],
        ['username', e.username],
      ]) {
        reply.bulk(field);
        reply.bulk(text);
      }
      reply.bulk('age-seconds');
      reply.double((now - e.createdMs) / 1000);
      reply.bulk('client-info');
      reply.bulk(e.clientInfo);
    }
  },
});
