import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { noNewlines } from '../errors';
import { debugDigest, debugDigestValue } from './debug-digest';
import { debugObject } from './debug-object';
import { debugPopulate } from './debug-populate';
import { debugProtocol } from './debug-protocol';
import { parseMemory } from './config-memory';
import { setQuicklistPackedThreshold } from '../keys/dump-settings';
import { replyHelp } from './help';

const HELP = [
  'DIGEST',
  '    Output a hex signature representing the current DB content.',
  'DIGEST-VALUE <key> [<key> ...]',
  '    Output a hex signature of the values of all the specified keys.',
  'OBJECT <key>',
  '    Show low level info about `key` and associated value.',
  'PAUSE-CRON <0|1>',
  '    Stop periodic cron job processing.',
  'POPULATE <count> [<prefix>] [<size>]',
  '    Create <count> string keys named key:<num>. If <prefix> is specified then',
  "    it is used instead of the 'key' prefix. Replicas create them too.",
  'PROTOCOL <type>',
  '    Reply with a test value of the specified type. <type> can be: string,',
  '    integer, double, bignum, null, array, set, map, attrib, push, verbatim,',
  '    true, false.',
  'QUICKLIST-PACKED-THRESHOLD <size>',
  '    Sets the threshold for elements to be inserted as plain vs packed nodes',
  '    Default value is 1GB, allows values up to 4GB. Setting to 0 restores to default.',
  'RELOAD [MERGE] [NOFLUSH] [NOSAVE]',
  '    Save the RDB file, empty the dataset and load the file back. MERGE: keys of the',
  '    file replace the ones there; NOFLUSH: keep the dataset (a key in both is an',
  '    error without MERGE); NOSAVE: load the file as it is, without saving first.',
  'SET-ACTIVE-EXPIRE <0|1>',
  '    Setting it to 0 disables expiring keys in background when they are not',
  '    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the',
  '    default.',
  'SLEEP <seconds>',
  '    Stop the server for <seconds>. Decimals allowed.',
];

/** One Int32 to wait on: nothing ever notifies it, so Atomics.wait just blocks the thread for the timeout. */
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** DEBUG SLEEP reads its argument with strtod (garbage is 0) and blocks the whole server, as Redis does. */
function debugSleep(client: Client, arg: string): void {
  const seconds = parseFloat(arg);
  const ms = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
  if (ms > 0) Atomics.wait(sleeper, 0, 0, ms);
  client.reply.ok();
}

/** DEBUG QUICKLIST-PACKED-THRESHOLD <size>: a memory value (memtoull) up to 4 GB less 1 MB; 0 is the default. */
function debugPackedThreshold(client: Client, arg: string): void {
  const bytes = parseMemory(arg);
  if (bytes === null || !setQuicklistPackedThreshold(Number(bytes))) {
    client.reply.error('ERR argument must be a memory value bigger than 1 and smaller than 4gb');
    return;
  }
  client.reply.ok();
}

/** A DEBUG subcommand the app added (DEBUG REPLICA OFFSET), or Redis's error for an unknown one. */
function appSubcommand(client: Client, sub: string, argv: string[]): void {
  const handler = client.server.debugSubcommands.get(sub);
  if (handler !== undefined) handler(client, argv);
  else syntaxError(client, argv[1]);
}

function syntaxError(client: Client, sub: string): void {
  client.reply.error(
    noNewlines(
      `ERR unknown subcommand or wrong number of arguments for '${sub.slice(0, 128)}'. Try DEBUG HELP.`,
    ),
  );
}

/** DEBUG is one command in Redis 7.0 (not a container): it checks its own subcommand and argument count. */
export const debugCommand = defineCommand({
  name: 'debug',
  arity: -2,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  categories: ['admin', 'slow', 'dangerous'],
  group: 'server',
  summary: 'A container for debugging commands',
  since: '1.0.0',
  complexity: 'Depends on subcommand.',
  execute(client: Client, argv: string[]): void {
    const sub = argv[1].toLowerCase();
    if (sub === 'help' && argv.length === 2) replyHelp(client, 'DEBUG', HELP);
    else if (sub === 'sleep' && argv.length === 3) debugSleep(client, argv[2]);
    else if (sub === 'digest' && argv.length === 2) debugDigest(client);
    else if (sub === 'object' && argv.length === 3) debugObject(client, argv[2]);
    else if (sub === 'populate' && argv.length >= 3 && argv.length <= 5) debugPopulate(client, argv);
    else if (sub === 'protocol' && argv.length === 3) debugProtocol(client, argv[2]);
    else if (sub === 'quicklist-packed-threshold' && argv.length === 3) debugPackedThreshold(client, argv[2]);
    else if (sub === 'set-active-expire' && argv.length === 3) {
      // Redis reads the flag with atoi: anything but a non-zero number turns it off.
      client.server.keyspace.activeExpireEnabled = (parseInt(argv[2], 10) || 0) !== 0;
      client.reply.ok();
    } else if (sub === 'digest-value') debugDigestValue(client, argv);
    else appSubcommand(client, sub, argv);
  },
});
