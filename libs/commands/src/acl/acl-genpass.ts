import { randomBytes } from 'crypto';
import { parseI64 } from '../args';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Err, subcommandSyntaxError } from '../errors';

const MAX_BITS = 4096n;

/** ACL GENPASS [bits]: a random password of `bits` (256 by default) as hex, rounded up to whole hex digits. */
export const aclGenpassCommand = defineCommand({
  name: 'acl|genpass',
  arity: -2,
  flags: ['noscript', 'loading', 'stale'],
  categories: ['slow'],
  group: 'server',
  summary: 'Generate a pseudorandom secure password to use for ACL users',
  since: '6.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const reply = client.reply;
    if (argv.length > 3) return reply.error(subcommandSyntaxError('acl', argv[1]));
    const bits = argv.length === 3 ? parseI64(argv[2]) : 256n;
    if (bits === null) return reply.error(Err.notInteger);
    if (bits <= 0n || bits > MAX_BITS) {
      return reply.error(
        `ERR ACL GENPASS argument must be the number of bits for the output password, a positive number up to ${MAX_BITS}`,
      );
    }
    const chars = Number((bits + 3n) / 4n);
    reply.bulk(
      randomBytes(Math.ceil(chars / 2))
        .toString('hex')
        .slice(0, chars),
    );
  },
});
