import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { globMatch } from '../glob';
import type { ConfigParameter } from '../server-context';

/** Patterns are globs only when they hold a glob character; a plain name is looked up (and echoed as typed). */
function isGlob(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?') || pattern.includes('[');
}

export const configGetCommand = defineCommand({
  name: 'config|get',
  arity: -3,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  categories: ['admin', 'slow', 'dangerous'],
  group: 'server',
  summary: 'Get the values of configuration parameters',
  since: '2.0.0',
  complexity: 'O(N) when N is the number of configuration parameters provided',
  execute(client: Client, argv: string[]): void {
    const config = client.server.config;
    // Keyed by lower-case name: a parameter matched twice (or by two spellings) is listed once.
    const matches = new Map<string, [string, ConfigParameter]>();
    for (let i = 2; i < argv.length; i++) {
      const pattern = argv[i];
      if (!isGlob(pattern)) {
        const param = config.lookup(pattern);
        if (param !== undefined && !matches.has(pattern.toLowerCase()))
          matches.set(pattern.toLowerCase(), [pattern, param]);
        continue;
      }
      for (const param of config.all()) {
        for (const name of [param.name, ...(param.aliases ?? [])]) {
          if (!matches.has(name.toLowerCase()) && globMatch(pattern, name, true))
            matches.set(name.toLowerCase(), [name, param]);
        }
      }
    }
    const reply = client.reply;
    reply.map(matches.size);
    for (const [name, param] of matches.values()) {
      reply.bulk(name);
      reply.bulk(param.get());
    }
  },
});
