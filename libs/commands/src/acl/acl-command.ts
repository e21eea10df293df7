import type { Client } from '../client';
import { defineCommand, type CommandSpec } from '../command-spec';
import { defineContainer, defineHelpSubcommand } from '../server/help';
import { aclCatCommand } from './acl-cat';
import { aclGenpassCommand } from './acl-genpass';
import { aclLogCommand } from './acl-log-command';
import {
  aclDeluserCommand,
  aclDryrunCommand,
  aclGetuserCommand,
  aclListCommand,
  aclUsersCommand,
  aclWhoamiCommand,
} from './acl-users';

const HELP = [
  'CAT [<category>]',
  '    The command categories, or the commands in <category>.',
  'DELUSER <username> [<username> ...]',
  "    Delete users (the 'default' user cannot be deleted).",
  'DRYRUN <username> <command> [<arg> ...]',
  '    Whether the user may run the command, without running it.',
  'GETUSER <username>',
  "    The user's flags, passwords and rules.",
  'GENPASS [<bits>]',
  '    A random password of 256 bits, or of <bits>, in hex.',
  'LIST',
  '    The users in ACL file syntax.',
  'LOAD',
  '    Reload the users from the ACL file.',
  'LOG [<count> | RESET]',
  '    The newest denied events (10 unless <count>), or clear them.',
  'SAVE',
  '    Save the users to the ACL file.',
  'USERS',
  '    The user names.',
  'WHOAMI',
  "    This connection's user.",
];

/** Redis's reply to LOAD and SAVE when no aclfile is set: Drake reads none. */
const NO_ACL_FILE =
  'ERR This Redis instance is not configured to use an ACL file. You may want to specify users via the ACL SETUSER command and then issue a CONFIG REWRITE (assuming you have a Redis configuration file set) in order to store users in the Redis configuration.';

function aclFileCommand(sub: 'load' | 'save', summary: string): CommandSpec {
  return defineCommand({
    name: `acl|${sub}`,
    arity: 2,
    flags: ['admin', 'noscript', 'loading', 'stale'],
    categories: ['admin', 'slow', 'dangerous'],
    group: 'server',
    summary,
    since: '6.0.0',
    complexity: 'O(N). Where N is the number of configured users.',
    execute(client: Client): void {
      client.reply.error(NO_ACL_FILE);
    },
  });
}

/** ACL for the one user Drake has, `default` (see default-user.ts); SETUSER is not there. */
export const aclCommand = defineContainer({
  name: 'acl',
  summary: 'A container for Access List Control commands ',
  since: '6.0.0',
  // In the order Redis 7.0's COMMAND lists them (its subcommand table's hash order).
  subcommands: [
    aclGenpassCommand,
    defineHelpSubcommand('acl', '6.0.0', HELP),
    aclUsersCommand,
    aclFileCommand('save', 'Save the current ACL rules in the configured ACL file'),
    aclGetuserCommand,
    aclLogCommand,
    aclWhoamiCommand,
    aclDeluserCommand,
    aclListCommand,
    aclFileCommand('load', 'Reload the ACLs from the configured ACL file'),
    aclDryrunCommand,
    aclCatCommand,
  ],
});
