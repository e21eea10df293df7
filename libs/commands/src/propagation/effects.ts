import { formatId, RedisHash, RedisList, RedisStream } from '@drake/storage';
import type { Client } from '../client';
import type { CommandSpec } from '../command-spec';

/**
 * The deterministic effect of a write command, as the commands a replica runs to reach the same state
 * (DESIGN §4): relative TTLs become absolute, float increments become the value they produced, blocking pops
 * become plain pops. A command may set `client.propagateAs` itself (SPOP → SREM of what it popped); most
 * commands are deterministic and go out as they came in.
 */
export function effectsOf(client: Client, spec: CommandSpec, argv: string[]): string[][] {
  if (client.propagateAs !== null) return client.propagateAs;
  const rewrite = REWRITES.get(spec.name);
  return rewrite === undefined ? [argv] : rewrite(client, argv);
}

type Rewrite = (client: Client, argv: string[]) => string[][];

// The rewrites read what the command left stored (storedValue, holds), never through a lookup: a lookup would
// expire a key whose TTL passed in the meantime (SET k v PX 1) and journal a DEL of its own, and count as an access.

/** The key's string value with its absolute expiry, or its deletion. */
function stringState(client: Client, key: string): string[][] {
  const value = client.db.storedValue(key);
  if (value === undefined) return [['DEL', key]];
  if (typeof value !== 'string') return [];
  const at = client.db.getExpire(key);
  return [at === -1 ? ['SET', key, value] : ['SET', key, value, 'PXAT', String(at)]];
}

/** The key's expiry as an absolute time, or its deletion when the command's TTL removed it. */
function ttlState(client: Client, key: string): string[][] {
  if (!client.db.holds(key)) return [['DEL', key]];
  const at = client.db.getExpire(key);
  return [at === -1 ? ['PERSIST', key] : ['PEXPIREAT', key, String(at)]];
}

/**
 * SET with a TTL (EX, PX, EXAT or PXAT) goes out as Redis 7.0 propagates it: `SET key value PXAT ms`, the
 * absolute result; SET without one is deterministic already.
 */
function setEffect(client: Client, argv: string[]): string[][] {
  for (let i = 3; i < argv.length; i++) {
    const opt = argv[i].toLowerCase();
    if (opt === 'ex' || opt === 'px' || opt === 'exat' || opt === 'pxat') return stringState(client, argv[1]);
  }
  return [argv];
}

function hincrbyfloatEffect(client: Client, argv: string[]): string[][] {
  const hash = client.db.storedValue(argv[1]);
  const field = argv[2];
  if (!(hash instanceof RedisHash)) return [];
  const value = hash.get(field);
  return value === undefined ? [] : [['HSET', argv[1], field, value]];
}

/**
 * RESTORE with a relative TTL goes out as Redis propagates it: the same arguments with the absolute time and
 * ABSTTL added; a restore with no TTL or an absolute one is deterministic already.
 */
function restoreEffect(client: Client, argv: string[]): string[][] {
  const key = argv[1];
  if (!client.db.holds(key)) return [['DEL', key]];
  if (argv[2] === '0' || argv.slice(4).some((a) => a.toLowerCase() === 'absttl')) return [argv];
  const at = client.db.getExpire(key);
  return [['RESTORE', key, String(at), ...argv.slice(3), 'ABSTTL']];
}

/** Elements per RPUSH when a stored list goes out as its content. */
const STORE_CHUNK = 512;

/**
 * SORT … STORE dst goes out as the list it stored: its result may depend on keys read through BY/GET patterns
 * and, for sets sorted BY nosort, on the set's internal order, neither of which a replica can reproduce.
 */
function sortEffect(client: Client, argv: string[]): string[][] {
  let dst: string | null = null;
  for (let i = 2; i < argv.length - 1; i++) if (argv[i].toLowerCase() === 'store') dst = argv[i + 1];
  if (dst === null) return [argv];
  const list = client.db.storedValue(dst);
  const out: string[][] = [['DEL', dst]];
  if (!(list instanceof RedisList)) return out;
  const items = list.toArray();
  for (let i = 0; i < items.length; i += STORE_CHUNK)
    out.push(['RPUSH', dst, ...items.slice(i, i + STORE_CHUNK)]);
  return out;
}

/**
 * XADD: the ID it chose instead of `*` / `ms-*`, and an approximate or limited trim as the exact length it
 * left (the trim depends on node layout, which depends on config).
 */
function xaddEffect(client: Client, argv: string[]): string[][] {
  const stream = client.db.storedValue(argv[1]);
  if (!(stream instanceof RedisStream)) return [];
  const fieldsAt = xaddFieldsIndex(argv);
  const out: string[][] = [['XADD', argv[1], formatId(stream.lastId), ...argv.slice(fieldsAt)]];
  if (fieldsAt > 3) out.push(['XTRIM', argv[1], 'MAXLEN', '=', String(stream.length)]);
  return out;
}

/** Index of XADD's first field: after the key, options (NOMKSTREAM, MAXLEN/MINID [=|~] n [LIMIT c]) and ID. */
function xaddFieldsIndex(argv: string[]): number {
  let i = 2;
  for (;;) {
    const opt = argv[i].toLowerCase();
    if (opt === 'nomkstream') i++;
    else if (opt === 'maxlen' || opt === 'minid') {
      i += argv[i + 1] === '=' || argv[i + 1] === '~' ? 3 : 2;
    } else if (opt === 'limit') i += 2;
    else return i + 1;
  }
}

function xtrimEffect(client: Client, argv: string[]): string[][] {
  const stream = client.db.storedValue(argv[1]);
  if (!(stream instanceof RedisStream)) return [];
  return [['XTRIM', argv[1], 'MAXLEN', '=', String(stream.length)]];
}

const REWRITES = new Map<string, Rewrite>([
  // EXEC's effects are journalled by propagateExec, as one transaction: EXEC itself is not one.
  ['exec', () => []],
  ['sort', sortEffect],
  ['xadd', xaddEffect],
  ['xtrim', xtrimEffect],
  // Consumer-group commands whose effect depends on the clock journal themselves (streams/group-effects.ts).
  ['xreadgroup', () => []],
  ['xclaim', () => []],
  ['xautoclaim', () => []],
  ['xgroup|createconsumer', () => []],
  ['set', setEffect],
  ['setex', (c, a) => stringState(c, a[1])],
  ['psetex', (c, a) => stringState(c, a[1])],
  ['incrbyfloat', (c, a) => stringState(c, a[1])],
  ['getex', (c, a) => ttlState(c, a[1])],
  ['expire', (c, a) => ttlState(c, a[1])],
  ['pexpire', (c, a) => ttlState(c, a[1])],
  ['expireat', (c, a) => ttlState(c, a[1])],
  ['hincrbyfloat', hincrbyfloatEffect],
  ['restore', restoreEffect],
  ['blmove', (_c, a) => [['LMOVE', a[1], a[2], a[3], a[4]]]],
  ['brpoplpush', (_c, a) => [['RPOPLPUSH', a[1], a[2]]]],
]);
