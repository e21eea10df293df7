import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { cString, noNewlines, subcommandSyntaxError } from '../errors';
import { ACL_CATEGORIES, aclCategories, allSpecs } from '../server/command-metadata';

/** ACL CAT: the categories, or the commands and subcommands in one (Redis lists them in its table's hash order). */
export const aclCatCommand = defineCommand({
  name: 'acl|cat',
  arity: -2,
  flags: ['noscript', 'loading', 'stale'],
  categories: ['slow'],
  group: 'server',
  summary: 'List the ACL categories or the commands inside a category',
  since: '6.0.0',
  complexity: 'O(1) since the categories and commands are a fixed set.',
  execute(client: Client, argv: string[]): void {
    const reply = client.reply;
    if (argv.length > 3) return reply.error(subcommandSyntaxError('acl', argv[1]));
    if (argv.length === 2) return reply.bulkArray(ACL_CATEGORIES);
    const category = argv[2].toLowerCase();
    if (!ACL_CATEGORIES.includes(category)) {
      return reply.error(noNewlines(`ERR Unknown category '${cString(argv[2]).slice(0, 128)}'`));
    }
    const names: string[] = [];
    for (const spec of allSpecs(client.server.commands.all()))
      if (aclCategories(spec).includes(category)) names.push(spec.name);
    reply.bulkArray(names);
  },
});
