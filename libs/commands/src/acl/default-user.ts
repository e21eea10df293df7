import { createHash } from 'crypto';

/**
 * The one user Drake has, `default`, as ACL describes it: on, with every command, key and channel. requirepass is
 * its password (Redis's ACLUpdateDefaultUserPassword): none gives it the `nopass` flag, one is shown as its
 * SHA-256 hex digest.
 */
export interface UserRules {
  readonly flags: readonly string[];
  /** SHA-256 hex digests. */
  readonly passwords: readonly string[];
  readonly commands: string;
  readonly keys: string;
  readonly channels: string;
}

export function defaultUserRules(requirePass: string): UserRules {
  return {
    flags: requirePass === '' ? ['on', 'nopass'] : ['on'],
    passwords: requirePass === '' ? [] : [createHash('sha256').update(requirePass, 'latin1').digest('hex')],
    commands: '+@all',
    keys: '~*',
    channels: '&*',
  };
}

/** ACL LIST's line: the user in ACL file syntax (flags, `#<digest>` passwords, then its key, channel and command rules). */
export function describeUser(name: string, rules: UserRules): string {
  let line = `user ${name} `;
  for (const flag of rules.flags) line += `${flag} `;
  for (const digest of rules.passwords) line += `#${digest} `;
  return `${line}${rules.keys} ${rules.channels} ${rules.commands}`;
}
