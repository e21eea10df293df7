import { createDumpPayload } from '@drake/rdb';
import {
  defineCommand,
  dumpOptions,
  Err,
  lookupRead,
  notifyKeyspaceEvent,
  Notify,
  parseInteger,
  propagateEffect,
  redact,
  replyLater,
  type Client,
} from '@drake/commands';
import { transferKeys, type MigratedKey, type MigrateTarget } from '../migrate/migrate-transfer';

/** Longest delay setTimeout takes. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The options after MIGRATE's five fixed arguments; null after writing the error. */
interface MigrateOptions {
  copy: boolean;
  replace: boolean;
  auth: string[] | null;
  keys: string[];
}

/**
 * MIGRATE host port key|"" destination-db timeout [COPY] [REPLACE] [AUTH password | AUTH2 username password]
 * [KEYS key …]: moves keys to another Redis or Drake with RESTORE (the DUMP payload format both read). While it
 * talks to the target every other client's commands wait (a pause), as Redis blocks for a MIGRATE, so nothing
 * changes the keys between their DUMP and their deletion; replication connections go on. The keys the target took
 * are deleted here (journalled as DEL) unless COPY.
 */
export const migrateCommand = defineCommand({
  name: 'migrate',
  arity: -6,
  flags: ['write'],
  firstKey: 3,
  lastKey: 3,
  keyStep: 1,
  categories: ['keyspace', 'write', 'slow', 'dangerous'],
  group: 'generic',
  summary: 'Atomically transfer a key from a Redis instance to another one.',
  since: '2.6.0',
  complexity:
    'This command actually executes a DUMP+DEL in the source instance, and a RESTORE in the target instance. See the pages of these commands for time complexity. Also an O(N) data transfer between the two instances is performed.',
  execute(client: Client, argv: string[]): void {
    if (client.inExec) {
      // Its reply comes after a round trip to the target, which a transaction's reply cannot wait for.
      return client.reply.error('ERR MIGRATE is not allowed inside MULTI on Drake');
    }
    const options = parseOptions(client, argv);
    if (options === null) return;
    const timeout = parseInteger(argv[5]);
    const dbIndex = parseInteger(argv[4]);
    if (timeout === null || dbIndex === null) return client.reply.error(Err.notInteger);
    // Serialized before anything is held: a value that fails to serialize answers an error and holds nothing.
    const keys = payloads(client, options.keys);
    if (keys.length === 0) return client.reply.simple('NOKEY');
    const target: MigrateTarget = {
      host: argv[1],
      port: atoi(argv[2]),
      dbIndex,
      // Redis takes any positive long; a timer cannot wait longer than about 24.8 days.
      timeoutMs: timeout <= 0 ? 1000 : Math.min(timeout, MAX_TIMER_MS),
      auth: options.auth,
      replace: options.replace,
    };
    const pause = client.server.pause;
    pause.pause('migrate', Infinity, 'all');
    const answer = replyLater(client);
    transferKeys(target, keys)
      .then(({ restored, error }) =>
        answer((c) => {
          if (!options.copy) deleteMigrated(c, restored);
          if (error === null) c.reply.ok();
          else c.reply.error(error);
        }),
      )
      .catch((err: Error) => answer((c) => c.reply.error(`ERR MIGRATE failed: ${err.message}`)))
      // Whatever happened, the other clients go on.
      .finally(() => pause.unpause('migrate'));
  },
});

function parseOptions(client: Client, argv: string[]): MigrateOptions | null {
  const options: MigrateOptions = { copy: false, replace: false, auth: null, keys: [argv[3]] };
  for (let j = 6; j < argv.length; j++) {
    const option = argv[j].toLowerCase();
    const more = argv.length - 1 - j;
    if (option === 'copy') options.copy = true;
    else if (option === 'replace') options.replace = true;
    else if (option === 'auth' && more >= 1) {
      // Credentials show as "(redacted)" in MONITOR, as Redis's.
      options.auth = [argv[++j]];
      redact(argv, j, j);
    } else if (option === 'auth2' && more >= 2) {
      options.auth = [argv[j + 1], argv[j + 2]];
      redact(argv, j + 1, j + 2);
      j += 2;
    } else if (option === 'keys') {
      if (argv[3] !== '') {
        client.reply.error(
          'ERR When using MIGRATE KEYS option, the key argument must be set to the empty string',
        );
        return null;
      }
      options.keys = argv.slice(j + 1);
      break;
    } else {
      client.reply.error(Err.syntax);
      return null;
    }
  }
  return options;
}

/** RESTORE's arguments for each of `keys` that is live (a read lookup): TTL left (at least 1 ms) and DUMP payload. */
function payloads(client: Client, keys: readonly string[]): MigratedKey[] {
  const out: MigratedKey[] = [];
  const now = client.server.keyspace.now();
  const options = dumpOptions(client);
  for (const key of keys) {
    const value = lookupRead(client, key);
    if (value === undefined) continue;
    const at = client.db.getExpire(key);
    const ttlMs = at === -1 ? 0 : Math.max(1, at - now);
    out.push({ key, ttlMs, payload: createDumpPayload(value, options) });
  }
  return out;
}

/** The keys the target took leave this node: deleted, announced and journalled as one DEL. */
function deleteMigrated(client: Client, keys: readonly string[]): void {
  const deleted = keys.filter((key) => client.db.delete(key));
  for (const key of deleted) notifyKeyspaceEvent(client, Notify.generic, 'del', key);
  // A writable replica keeps its own clients' changes to itself, as the dispatcher does for their commands.
  if (deleted.length === 0 || client.server.isReplica || !client.propagates) return;
  propagateEffect(client, ['DEL', ...deleted], deleted.length === 1 ? deleted[0] : null);
}

/** C's atoi, as Redis reads the port: leading digits, 0 when there are none. */
function atoi(s: string): number {
  const n = parseInt(s, 10);
  return Number.isNaN(n) ? 0 : n;
}
