/**
 * Write signals against Redis 7.0: for every write command (no-op variants included) Redis tells, through
 * WATCH, whether it called signalModifiedKey for a key: setup; WATCH key on a second connection; the command on
 * the first; MULTI, PING, EXEC on the second (a null EXEC = signalled). Drake runs the same setup and command
 * on a TestServer and counts keyspace.onKeyModified for the key (a flush counts when the key existed, as
 * Redis's flush touches only watched keys that exist). The command's reply must match too (RESP2, byte for
 * byte), and every value changed in place must have been looked up with getForWrite first.
 */
import { valueDigest } from '@drake/rdb';
import type { Keyspace, Value } from '@drake/storage';
import type { CommandSpec } from '../command-spec';
import { connectionCommands } from '../connection';
import { hashCommands } from '../hashes';
import { keyCommands } from '../keys';
import { listCommands } from '../lists';
import { serverCommands } from '../server';
import { setCommands } from '../sets';
import { stringCommands } from '../strings';
import { zsetCommands } from '../zsets';
import { RedisFixture } from './differential';
import { redisAvailable, unordered, type Command, type RedisConnection } from './redis-oracle';
import { TestServer } from './test-server';
import { SIGNAL_CASES, type ReplyCheck, type SignalCase } from './write-signal-cases';

const describeWithRedis = redisAvailable('write-signals.differential.spec') ? describe : describe.skip;

const FAMILIES: readonly CommandSpec[] = [
  ...connectionCommands,
  ...stringCommands,
  ...keyCommands,
  ...serverCommands,
  ...listCommands,
  ...hashCommands,
  ...setCommands,
  ...zsetCommands,
];

/** Databases the cases use (setups may SELECT 1). */
const DBS = [0, 1];

/** Splits "A b ; C d" into commands; `''` is an empty argument, `$NAME` a value from `vars`. */
function steps(text: string, vars: ReadonlyMap<string, string>): Command[] {
  if (text.trim() === '') return [];
  return text.split(' ; ').map((step) =>
    step
      .trim()
      .split(' ')
      .map((arg) => (arg === "''" ? '' : (vars.get(arg) ?? arg))),
  );
}

/** The part of a reply a case compares. */
function comparable(raw: string, check: ReplyCheck): string {
  if (check === 'unordered') return unordered(raw, 1);
  if (check === 'header') return raw.slice(0, raw.indexOf('\r\n'));
  return raw;
}

interface Observed {
  reply: string;
  signals: number;
}

/** Redis: the command's reply, and 1 when the WATCHed key was signalled (EXEC aborted), else 0. */
async function onRedis(
  actor: RedisConnection,
  watcher: RedisConnection,
  c: SignalCase,
  vars: ReadonlyMap<string, string>,
): Promise<Observed> {
  await actor.send([['FLUSHALL'], ['SELECT', '0'], ...steps(c.setup, vars), ['SELECT', '0']]);
  await watcher.send([
    ['SELECT', String(c.db)],
    ['WATCH', c.key],
  ]);
  const reply = await actor.call(...steps(c.cmd, vars)[0]);
  const [, , exec] = await watcher.send([['MULTI'], ['PING'], ['EXEC']]);
  return { reply, signals: exec === '*-1\r\n' ? 1 : 0 };
}

/** Object values of every key in the test databases, with their content digests. */
function snapshotObjects(keyspace: Keyspace): Map<string, { value: Value; digest: string }> {
  const out = new Map<string, { value: Value; digest: string }>();
  for (const d of DBS) {
    const db = keyspace.db(d);
    for (const key of db.keys()) {
      const value = db.get(key) as Value;
      if (typeof value !== 'string')
        out.set(`${d}/${key}`, { value, digest: valueDigest(value).toString('hex') });
    }
  }
  return out;
}

/**
 * Drake: the reply and the signal count for the key. Also returns the keys whose object changed in place
 * without a getForWrite lookup before (must be none).
 */
function onDrake(c: SignalCase, vars: ReadonlyMap<string, string>): Observed & { unmarked: string[] } {
  const server = new TestServer(FAMILIES);
  const client = server.connect();
  for (const step of [...steps(c.setup, vars), ['SELECT', '0']]) client.run(...step);
  const keyspace = server.keyspace;
  const before = snapshotObjects(keyspace);
  const existed = keyspace.db(c.db).has(c.key);

  let signals = 0;
  const previous = keyspace.onKeyModified;
  keyspace.onKeyModified = (dbIndex, key) => {
    if (dbIndex === c.db && key === c.key) signals++;
    previous?.(dbIndex, key);
  };
  const previousFlush = keyspace.onFlush;
  keyspace.onFlush = (dbIndex) => {
    if (dbIndex === c.db && existed) signals++;
    previousFlush?.(dbIndex);
  };
  const marked = new Set<string>();
  for (const d of DBS) {
    const db = keyspace.db(d);
    const getForWrite = db.getForWrite.bind(db);
    db.getForWrite = (key: string): Value | undefined => {
      marked.add(`${d}/${key}`);
      return getForWrite(key);
    };
  }

  const reply = client.run(...steps(c.cmd, vars)[0]);
  const unmarked: string[] = [];
  for (const [id, { value, digest }] of before)
    if (valueDigest(value).toString('hex') !== digest && !marked.has(id)) unmarked.push(id);
  return { reply, signals, unmarked };
}

describeWithRedis('write signals: signalModifiedKey as Redis 7.0 calls it', () => {
  const fixture = new RedisFixture();
  let actor: RedisConnection;
  let watcher: RedisConnection;
  const vars = new Map<string, string>();

  beforeAll(async () => {
    await fixture.start();
    actor = await fixture.session();
    watcher = await fixture.session();
    // RESTORE payloads as Redis 7.0 dumps them.
    const [, str, , list] = await actor.send([
      ['SET', 'p', 'v'],
      ['DUMP', 'p'],
      ['RPUSH', 'l', 'a'],
      ['DUMP', 'l'],
    ]);
    vars.set('$STRING', str.slice(str.indexOf('\r\n') + 2, -2));
    vars.set('$LIST', list.slice(list.indexOf('\r\n') + 2, -2));
  });
  afterAll(() => fixture.stop());

  it('has at least 150 cases, each a distinct scenario', () => {
    expect(SIGNAL_CASES.length).toBeGreaterThanOrEqual(150);
    const ids = SIGNAL_CASES.map((c) => `${c.setup} => ${c.cmd} @${c.db}/${c.key}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(SIGNAL_CASES.map((c) => [`${c.setup || '(empty)'} => ${c.cmd} @${c.db}/${c.key}`, c] as const))(
    '%s',
    async (_name, c) => {
      const redis = await onRedis(actor, watcher, c, vars);
      const drake = onDrake(c, vars);
      expect({ reply: comparable(drake.reply, c.reply), signalled: drake.signals > 0 }).toEqual({
        reply: comparable(redis.reply, c.reply),
        signalled: redis.signals > 0,
      });
      // One signal per change of the key (a command that changes it twice may say so twice).
      expect(drake.signals).toBeLessThanOrEqual(c.maxSignals);
      expect(drake.unmarked).toEqual([]);
    },
  );
});
