import type { Client } from '../client';
import { arityAccepts, defineCommand } from '../command-spec';
import { lookupByArgv } from '../server/command-lookup';
import { arityError, cString, noNewlines } from '../errors';
import { DEFAULT_USER } from '../connection/authenticate';
import { defaultUserRules, describeUser } from './default-user';

/** The admin subcommands' COMMAND INFO fields (Redis 7.0's). */
const ADMIN = {
  flags: ['admin', 'noscript', 'loading', 'stale'],
  categories: ['admin', 'slow', 'dangerous'],
  group: 'server',
} as const;

export const aclWhoamiCommand = defineCommand({
  name: 'acl|whoami',
  arity: 2,
  flags: ['noscript', 'loading', 'stale'],
  categories: ['slow'],
  group: 'server',
  summary: 'Return the name of the user associated to the current connection',
  since: '6.0.0',
  complexity: 'O(1)',
  execute(client: Client): void {
    client.reply.bulk(DEFAULT_USER);
  },
});

export const aclUsersCommand = defineCommand({
  ...ADMIN,
  name: 'acl|users',
  arity: 2,
  summary: 'List the username of all the configured ACL rules',
  since: '6.0.0',
  complexity: 'O(N). Where N is the number of configured users.',
  execute(client: Client): void {
    client.reply.bulkArray([DEFAULT_USER]);
  },
});

export const aclListCommand = defineCommand({
  ...ADMIN,
  name: 'acl|list',
  arity: 2,
  summary: 'List the current ACL rules in ACL config file format',
  since: '6.0.0',
  complexity: 'O(N). Where N is the number of configured users.',
  execute(client: Client): void {
    client.reply.bulkArray([describeUser(DEFAULT_USER, defaultUserRules(client.server.requirePass()))]);
  },
});

export const aclGetuserCommand = defineCommand({
  ...ADMIN,
  name: 'acl|getuser',
  arity: 3,
  summary: 'Get the rules for a specific ACL user',
  since: '6.0.0',
  complexity: 'O(N). Where N is the number of password, command and pattern rules that the user has.',
  execute(client: Client, argv: string[]): void {
    const reply = client.reply;
    if (argv[2] !== DEFAULT_USER) return reply.nil();
    const rules = defaultUserRules(client.server.requirePass());
    reply.map(6);
    reply.bulk('flags');
    reply.set(rules.flags.length);
    for (const flag of rules.flags) reply.bulk(flag);
    reply.bulk('passwords');
    reply.bulkArray(rules.passwords);
    for (const field of ['commands', 'keys', 'channels'] as const) {
      reply.bulk(field);
      reply.bulk(rules[field]);
    }
    reply.bulk('selectors');
    reply.array(0);
  },
});

export const aclDeluserCommand = defineCommand({
  ...ADMIN,
  name: 'acl|deluser',
  arity: -3,
  summary: 'Remove the specified ACL users and the associated rules',
  since: '6.0.0',
  complexity: 'O(1) amortized time considering the typical user.',
  execute(client: Client, argv: string[]): void {
    if (argv.slice(2).includes(DEFAULT_USER))
      return client.reply.error("ERR The 'default' user cannot be removed");
    client.reply.integer(0); // there is no other user to remove
  },
});

/** ACL DRYRUN <user> <command> [arg ...]: the default user may run every command, so the checks are Redis's lookups. */
export const aclDryrunCommand = defineCommand({
  ...ADMIN,
  name: 'acl|dryrun',
  arity: -4,
  summary: 'Returns whether the user can execute the given command without executing the command.',
  since: '7.0.0',
  complexity: 'O(1).',
  execute(client: Client, argv: string[]): void {
    const reply = client.reply;
    if (argv[2] !== DEFAULT_USER) return reply.error(noNewlines(`ERR User '${cString(argv[2])}' not found`));
    const call = argv.slice(3);
    const spec = lookupByArgv(client.server.commands, call);
    if (spec === undefined) return reply.error(noNewlines(`ERR Command '${cString(call[0])}' not found`));
    if (!arityAccepts(spec, call.length)) return reply.error(arityError(spec.name));
    reply.ok();
  },
});
