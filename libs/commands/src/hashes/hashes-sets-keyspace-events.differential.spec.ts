/**
 * Keyspace notifications of the hash and set families against a real redis-server 7.0: the same commands on
 * both, a subscriber on every __keyspace@/__keyevent@ channel, replies and events compared in order.
 *
 * SPOP's picks are random on both sides, so its replies are compared as sorted members; cases marked random
 * pop part of a set and compare the reply's shape only (nothing after them depends on which members went).
 * The seeded random sequences keep SPOP deterministic instead: a shadow Drake, fed the same commands, tells the
 * set's size, and SPOP is only issued when it pops all of it (or nothing).
 */
import { elements } from '../testing/differential';
import { drakeServer, keyeventNames, type Commands } from '../testing/keyspace-events-oracle';
import {
  describeAgainstRedis,
  expectSameEvents,
  expectSameSequences,
  mulberry32,
  type Comparison,
} from '../testing/keyspace-events-scenarios';
import type { TestClient } from '../testing/test-server';

interface Case {
  readonly name: string;
  readonly classes?: string;
  /** Partial SPOPs: their replies are compared by shape. */
  readonly random?: boolean;
  readonly commands: Commands;
}

/**
 * Every class of the two families with new keys: not 'KEAn', which Drake's CONFIG SET reads back as "AKE" (as
 * Redis prints it) and then publishes without 'n', where Redis keeps it.
 */
const NEW_KEYS = 'KEg$hsn';

const HASH_CASES: readonly Case[] = [
  {
    name: 'HSET: new key, new field, same value again, several pairs',
    commands: [
      ['HSET', 'h', 'f', 'v'],
      ['HSET', 'h', 'g', 'w'],
      ['HSET', 'h', 'f', 'v'],
      ['HSET', 'h', 'a', '1', 'b', '2', 'f', 'x'],
      ['HGETALL', 'h'],
    ],
  },
  {
    name: 'HSET: odd arguments and WRONGTYPE change nothing',
    commands: [
      ['SET', 'str', 'x'],
      ['HSET', 'h', 'f', 'v', 'g'],
      ['HSET', 'str', 'f', 'v'],
      ['EXISTS', 'h'],
    ],
  },
  {
    name: 'HMSET reports hset',
    commands: [
      ['HMSET', 'h', 'f', 'v', 'g', 'w'],
      ['HMSET', 'h', 'f', 'v'],
      ['HMSET', 'h', 'f'],
      ['SET', 'str', 'x'],
      ['HMSET', 'str', 'f', 'v'],
    ],
  },
  {
    name: 'HSETNX: new key, existing field (nothing), new field, WRONGTYPE',
    commands: [
      ['HSETNX', 'h', 'f', 'v'],
      ['HSETNX', 'h', 'f', 'w'],
      ['HSETNX', 'h', 'g', 'w'],
      ['SET', 'str', 'x'],
      ['HSETNX', 'str', 'f', 'v'],
      ['HGETALL', 'h'],
    ],
  },
  {
    name: 'HDEL: missing key or fields change nothing; the last field takes the key (hdel, del)',
    commands: [
      ['HDEL', 'h', 'f'],
      ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3'],
      ['HDEL', 'h', 'x', 'y'],
      ['HDEL', 'h', 'a'],
      ['HDEL', 'h', 'b', 'x', 'c', 'b'],
      ['EXISTS', 'h'],
      ['SET', 'str', 'x'],
      ['HDEL', 'str', 'f'],
    ],
  },
  {
    // Hash events only: EXPIRE's own event belongs to the generic family.
    name: 'HDEL: a hash with a TTL emptied, then created again',
    classes: 'KEh',
    commands: [
      ['HSET', 'h', 'a', '1'],
      ['EXPIRE', 'h', '100'],
      ['HDEL', 'h', 'a'],
      ['HSET', 'h', 'a', '1'],
      ['TTL', 'h'],
    ],
  },
  {
    name: 'HINCRBY: new key, existing field, errors change nothing',
    commands: [
      ['HINCRBY', 'h', 'n', '5'],
      ['HINCRBY', 'h', 'n', '-7'],
      ['HINCRBY', 'h', 'm', '1'],
      ['HINCRBY', 'h', 'n', 'x'],
      ['HINCRBY', 'h2', 'n', 'x'],
      ['HSET', 'h', 's', 'abc', 'big', '9223372036854775807'],
      ['HINCRBY', 'h', 's', '1'],
      ['HINCRBY', 'h', 'big', '1'],
      ['SET', 'str', 'x'],
      ['HINCRBY', 'str', 'n', '1'],
      ['EXISTS', 'h2'],
    ],
  },
  {
    name: 'HINCRBYFLOAT: new key, existing field, errors change nothing',
    commands: [
      ['HINCRBYFLOAT', 'h', 'n', '1.5'],
      ['HINCRBYFLOAT', 'h', 'n', '-0.25'],
      ['HINCRBYFLOAT', 'h', 'n', 'x'],
      ['HINCRBYFLOAT', 'h', 'n', 'inf'],
      ['HINCRBYFLOAT', 'h2', 'n', '-inf'],
      ['HSET', 'h', 's', 'abc'],
      ['HINCRBYFLOAT', 'h', 's', '1'],
      ['SET', 'str', 'x'],
      ['HINCRBYFLOAT', 'str', 'n', '1'],
      ['EXISTS', 'h2'],
    ],
  },
  {
    name: 'hashes in other databases',
    commands: [
      ['SELECT', '5'],
      ['HSET', 'h', 'f', 'v'],
      ['HINCRBY', 'h', 'n', '1'],
      ['HDEL', 'h', 'f', 'n'],
      ['SELECT', '0'],
      ['HSET', 'h', 'f', 'v'],
    ],
  },
  {
    name: 'hash class alone: hdel without its del',
    classes: 'Kh',
    commands: [
      ['HSET', 'h', 'f', 'v'],
      ['SADD', 's', 'a'],
      ['HDEL', 'h', 'f'],
    ],
  },
  {
    name: 'generic class alone: only the del of an emptied hash',
    classes: 'Eg',
    commands: [
      ['HSET', 'h', 'f', 'v'],
      ['HDEL', 'h', 'f'],
    ],
  },
  {
    name: 'hashes with new keys (n)',
    classes: NEW_KEYS,
    commands: [
      ['HSET', 'h', 'f', 'v'],
      ['HSETNX', 'h2', 'f', 'v'],
      ['HINCRBY', 'h3', 'f', '1'],
      ['HINCRBYFLOAT', 'h4', 'f', '1'],
      ['HMSET', 'h5', 'f', 'v'],
      ['HDEL', 'h', 'f'],
      ['HSET', 'h', 'f', 'v'],
    ],
  },
  {
    name: 'hashes inside MULTI/EXEC',
    commands: [['MULTI'], ['HSET', 'h', 'f', 'v'], ['HDEL', 'h', 'f'], ['HINCRBY', 'h', 'f', 'x'], ['EXEC']],
  },
  {
    name: 'a hash made a hashtable by a long value',
    commands: [
      ['HSET', 'h', 'f', 'v'],
      ['HSET', 'h', 'g', 'x'.repeat(100)],
      ['HINCRBYFLOAT', 'h', 'y'.repeat(80), '2'],
      ['HDEL', 'h', 'f', 'g', 'y'.repeat(80)],
    ],
  },
];

const SET_CASES: readonly Case[] = [
  {
    name: 'SADD: new key, new members, nothing new (nothing), WRONGTYPE',
    commands: [
      ['SADD', 's', 'a', 'b'],
      ['SADD', 's', 'c', 'a'],
      ['SADD', 's', 'a', 'b', 'a'],
      ['SADD', 'i', '1', '2'],
      ['SADD', 'i', '2'],
      ['SET', 'str', 'x'],
      ['SADD', 'str', 'a'],
    ],
  },
  {
    name: 'SREM: missing key or members change nothing; the last member takes the key (srem, del)',
    commands: [
      ['SREM', 's', 'a'],
      ['SADD', 's', 'a', 'b', 'c'],
      ['SREM', 's', 'x'],
      ['SREM', 's', 'a', 'x'],
      ['SREM', 's', 'b', 'c', 'b'],
      ['EXISTS', 's'],
      ['SET', 'str', 'x'],
      ['SREM', 'str', 'a'],
    ],
  },
  {
    name: 'SPOP: missing key, the only member (spop, del), WRONGTYPE, errors',
    commands: [
      ['SPOP', 's'],
      ['SADD', 's', 'a'],
      ['SPOP', 's'],
      ['EXISTS', 's'],
      ['SET', 'str', 'x'],
      ['SPOP', 'str'],
      ['SPOP', 'str', '2'],
      ['SADD', 's', 'a'],
      ['SPOP', 's', '-1'],
      ['SPOP', 's', 'x'],
      ['SPOP', 's', '1', '2'],
      ['SMEMBERS', 's'],
    ],
  },
  {
    name: 'SPOP count: 0 and a missing key change nothing; the whole set (spop, del)',
    commands: [
      ['SPOP', 's', '3'],
      ['SADD', 's', 'a', 'b', 'c'],
      ['SPOP', 's', '0'],
      ['SPOP', 's', '3'],
      ['EXISTS', 's'],
      ['SADD', 'i', '3', '1', '2'],
      ['SPOP', 'i', '10'],
      ['EXISTS', 'i'],
    ],
  },
  {
    name: 'SPOP: part of a set, one by one and by count, then the rest',
    random: true,
    commands: [
      ['SADD', 's', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'],
      ['SPOP', 's'],
      ['SPOP', 's', '2'],
      ['SCARD', 's'],
      ['SPOP', 's', '6'],
      ['SCARD', 's'],
      ['SPOP', 's'],
      ['SPOP', 's', '5'],
      ['EXISTS', 's'],
    ],
  },
  {
    name: 'SPOP count: most of a set (rebuilt in place, TTL kept)',
    classes: 'KEs',
    random: true,
    commands: [
      ['SADD', 's', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'],
      ['EXPIRE', 's', '100'],
      ['SPOP', 's', '11'],
      ['TTL', 's'],
      ['SCARD', 's'],
    ],
  },
  {
    name: 'SMOVE: missing source, WRONGTYPE either side, member not there: nothing',
    commands: [
      ['SMOVE', 'src', 'dst', 'a'],
      ['SET', 'str', 'x'],
      ['SMOVE', 'src', 'str', 'a'],
      ['SMOVE', 'str', 'dst', 'a'],
      ['SADD', 'src', 'a', 'b'],
      ['SMOVE', 'src', 'str', 'a'],
      ['SMOVE', 'src', 'dst', 'x'],
      ['EXISTS', 'dst'],
    ],
  },
  {
    name: 'SMOVE within one set: nothing, member or not',
    commands: [
      ['SADD', 's', 'a'],
      ['SMOVE', 's', 's', 'a'],
      ['SMOVE', 's', 's', 'b'],
    ],
  },
  {
    name: 'SMOVE: to a missing destination, to one holding the member, to one without it',
    commands: [
      ['SADD', 'src', 'a', 'b', 'c', 'd'],
      ['SMOVE', 'src', 'dst', 'a'],
      ['SADD', 'other', 'b', 'z'],
      ['SMOVE', 'src', 'other', 'b'],
      ['SMOVE', 'src', 'other', 'c'],
      ['SMEMBERS', 'dst'],
      ['SCARD', 'other'],
    ],
  },
  {
    name: 'SMOVE emptying the source (srem, del, then the destination)',
    commands: [
      ['SADD', 'src', 'a'],
      ['SMOVE', 'src', 'dst', 'a'],
      ['SADD', 'src', 'b'],
      ['SADD', 'dst2', 'b'],
      ['SMOVE', 'src', 'dst2', 'b'],
      ['SADD', 'src', 'c'],
      ['SMOVE', 'src', 'dst2', 'c'],
      ['EXISTS', 'src'],
    ],
  },
  {
    name: 'SMOVE with new keys (n)',
    classes: NEW_KEYS,
    commands: [
      ['SADD', 'src', 'a', 'b'],
      ['SMOVE', 'src', 'dst', 'a'],
      ['SMOVE', 'src', 'dst3', 'b'],
    ],
  },
  {
    name: 'SINTERSTORE: into a new key, over a set, a hash and a string; into itself',
    commands: [
      ['SADD', 'a', '1', '2', '3', 'x'],
      ['SADD', 'b', '2', '3', 'x', 'y'],
      ['SINTERSTORE', 'dst', 'a', 'b'],
      ['SINTERSTORE', 'dst', 'a'],
      ['HSET', 'h', 'f', 'v'],
      ['SINTERSTORE', 'h', 'a', 'b'],
      ['SET', 'str', 'v'],
      ['SINTERSTORE', 'str', 'b'],
      ['SINTERSTORE', 'a', 'a', 'b'],
      ['TYPE', 'h'],
      ['TYPE', 'str'],
      ['SCARD', 'a'],
    ],
  },
  {
    name: 'SINTERSTORE: empty result or missing source deletes the destination (del) only when it was there',
    commands: [
      ['SADD', 'a', '1', '2'],
      ['SADD', 'b', '3'],
      ['SINTERSTORE', 'dst', 'a', 'b'],
      ['SINTERSTORE', 'dst', 'a', 'missing'],
      ['SADD', 'dst', 'z'],
      ['SINTERSTORE', 'dst', 'a', 'b'],
      ['SADD', 'dst', 'z'],
      ['SINTERSTORE', 'dst', 'missing', 'a'],
      ['SET', 'dst', 'v'],
      ['SINTERSTORE', 'dst', 'a', 'missing'],
      ['EXISTS', 'dst'],
    ],
  },
  {
    name: 'SINTERSTORE: WRONGTYPE source changes nothing, even after a missing key',
    commands: [
      ['SADD', 'a', '1'],
      ['SADD', 'dst', 'z'],
      ['SET', 'str', 'v'],
      ['SINTERSTORE', 'dst', 'a', 'str'],
      ['SINTERSTORE', 'dst', 'missing', 'str'],
      ['SINTERSTORE', 'new', 'missing', 'str'],
      ['SMEMBERS', 'dst'],
    ],
  },
  {
    name: 'SUNIONSTORE: new, replacing, empty (del or nothing), WRONGTYPE',
    commands: [
      ['SADD', 'a', '1', '2'],
      ['SADD', 'b', 'x'],
      ['SUNIONSTORE', 'dst', 'a', 'b', 'missing'],
      ['SUNIONSTORE', 'dst', 'b'],
      ['SUNIONSTORE', 'dst', 'missing'],
      ['SUNIONSTORE', 'dst', 'missing'],
      ['HSET', 'h', 'f', 'v'],
      ['SUNIONSTORE', 'h', 'missing'],
      ['SUNIONSTORE', 'dst', 'a', 'h'],
      ['SUNIONSTORE', 'a', 'a', 'b'],
      ['EXISTS', 'dst', 'h'],
    ],
  },
  {
    name: 'SDIFFSTORE: new, replacing, empty (del or nothing), missing first key, WRONGTYPE',
    commands: [
      ['SADD', 'a', '1', '2', '3'],
      ['SADD', 'b', '2', 'x'],
      ['SDIFFSTORE', 'dst', 'a', 'b'],
      ['SDIFFSTORE', 'dst', 'b', 'a', 'missing'],
      ['SDIFFSTORE', 'dst', 'a', 'a'],
      ['SDIFFSTORE', 'dst', 'a', 'a'],
      ['SADD', 'dst', 'z'],
      ['SDIFFSTORE', 'dst', 'missing', 'a'],
      ['SET', 'str', 'v'],
      ['SDIFFSTORE', 'dst', 'a', 'str'],
      ['SDIFFSTORE', 'str', 'a', 'a'],
      ['SDIFFSTORE', 'b', 'b', 'a'],
      ['EXISTS', 'dst', 'str'],
      ['SMEMBERS', 'b'],
    ],
  },
  {
    name: 'STORE commands with new keys (n) and a TTL on the destination',
    classes: 'KEshn',
    commands: [
      ['SADD', 'a', '1', '2'],
      ['SINTERSTORE', 'i', 'a'],
      ['SUNIONSTORE', 'u', 'a'],
      ['SDIFFSTORE', 'd', 'a'],
      ['EXPIRE', 'u', '100'],
      ['SUNIONSTORE', 'u', 'a', 'a'],
      ['TTL', 'u'],
    ],
  },
  {
    name: 'sets in other databases',
    commands: [
      ['SELECT', '3'],
      ['SADD', 's', 'a', 'b'],
      ['SREM', 's', 'a'],
      ['SMOVE', 's', 'd', 'b'],
      ['SUNIONSTORE', 'u', 'd'],
      ['SPOP', 'u'],
      ['SDIFFSTORE', 'd', 'u'],
      ['SELECT', '9'],
      ['SADD', 's', 'a'],
      ['SINTERSTORE', 'x', 's'],
      ['SELECT', '0'],
    ],
  },
  {
    name: 'set class alone, generic class alone',
    classes: 'KEs',
    commands: [
      ['SADD', 's', 'a'],
      ['SMOVE', 's', 'd', 'a'],
      ['SINTERSTORE', 'd', 'missing'],
    ],
  },
  {
    name: 'generic class alone: the dels of sets',
    classes: 'Kg',
    commands: [
      ['SADD', 's', 'a'],
      ['SREM', 's', 'a'],
      ['SADD', 's', 'a'],
      ['SMOVE', 's', 'd', 'a'],
      ['SINTERSTORE', 'd', 'missing'],
      ['SADD', 's', 'a'],
      ['SPOP', 's', '4'],
    ],
  },
  {
    name: 'sets inside MULTI/EXEC',
    commands: [
      ['MULTI'],
      ['SADD', 's', 'a', 'b'],
      ['SMOVE', 's', 'd', 'a'],
      ['SREM', 's', 'b'],
      ['SUNIONSTORE', 'u', 'd', 's'],
      ['EXEC'],
    ],
  },
];

/** A SPOP reply as compared: members sorted (the picks are random), or only the shape for a partial pop. */
function stableReply(argv: readonly string[], reply: string, random: boolean): string {
  if (argv[0].toUpperCase() !== 'SPOP' || reply[0] === '-') return reply;
  if (reply[0] === '$') return random && reply !== '$-1\r\n' ? '$ (a member)' : reply;
  const members = elements(reply);
  return random ? `${reply[0]}${members.length}` : `${reply[0]}${members.length} ${members.sort().join('')}`;
}

/** Replies beside their commands, SPOP's made stable: a mismatch shows the step that diverged. */
function stableReplies(random = false): Comparison {
  return {
    replies: (commands, replies) =>
      commands.map(
        (argv, i) => `${argv.join(' ')} -> ${JSON.stringify(stableReply(argv, replies[i], random))}`,
      ),
  };
}

const SET_KEYS = ['s1', 's2', 's3'];
const HASH_KEYS = ['h1', 'h2'];
const ALL_KEYS = [...SET_KEYS, ...HASH_KEYS, 'str'];
const MEMBERS = ['a', 'b', 'c', '1', '2', '3'];
const FIELDS = ['f1', 'f2', 'f3'];
const VALUES = ['1', '-3', '2.5', 'abc', '9223372036854775807'];
const INCRS = ['1', '-2', '0', 'x', '9223372036854775807'];
const FLOAT_INCRS = ['1.5', '-0.25', '3', 'x', 'inf', '1e3'];

/** Makes one random sequence of 10 to 30 commands; its shadow (a Drake fed the same commands) keeps SPOP exact. */
class SequenceMaker {
  private readonly shadow: TestClient = drakeServer().connect();

  constructor(private readonly random: () => number) {}

  make(): string[][] {
    const length = 10 + this.int(21);
    const out: string[][] = [];
    for (let i = 0; i < length; i++) {
      const argv = this.command();
      this.shadow.run(...argv);
      out.push(argv);
    }
    return out;
  }

  private int(n: number): number {
    return Math.floor(this.random() * n);
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  private some<T>(items: readonly T[], max: number): T[] {
    const n = 1 + this.int(max);
    return Array.from({ length: n }, () => this.pick(items));
  }

  /** Mostly a key of the command's type, sometimes any (WRONGTYPE, or a type replaced by a STORE). */
  private key(own: readonly string[]): string {
    return this.random() < 0.85 ? this.pick(own) : this.pick(ALL_KEYS);
  }

  private pairs(): string[] {
    return this.some(FIELDS, 3).flatMap((f) => [f, this.pick(VALUES)]);
  }

  private command(): string[] {
    const s = (): string => this.key(SET_KEYS);
    const h = (): string => this.key(HASH_KEYS);
    switch (this.int(20)) {
      case 0:
      case 1:
      case 2:
        return ['SADD', s(), ...this.some(MEMBERS, 3)];
      case 3:
      case 4:
        return ['SREM', s(), ...this.some(MEMBERS, 3)];
      case 5:
        return this.spop(s());
      case 6:
      case 7:
        return ['SMOVE', s(), s(), this.pick(MEMBERS)];
      case 8:
        return ['SINTERSTORE', s(), ...this.some(SET_KEYS, 3)];
      case 9:
        return ['SUNIONSTORE', s(), ...this.some([...SET_KEYS, 'missing'], 3)];
      case 10:
        return ['SDIFFSTORE', s(), s(), ...this.some(SET_KEYS, 2)];
      case 11:
      case 12:
        return ['HSET', h(), ...this.pairs()];
      case 13:
        return [this.pick(['HMSET', 'HSETNX']), h(), this.pick(FIELDS), this.pick(VALUES)];
      case 14:
      case 15:
        return ['HDEL', h(), ...this.some(FIELDS, 2)];
      case 16:
        return ['HINCRBY', h(), this.pick(FIELDS), this.pick(INCRS)];
      case 17:
        return ['HINCRBYFLOAT', h(), this.pick(FIELDS), this.pick(FLOAT_INCRS)];
      case 18:
        return ['SET', 'str', this.pick(VALUES)];
      default:
        return ['SELECT', this.pick(['0', '0', '1'])];
    }
  }

  /** A SPOP whose outcome is not random: the whole set or nothing (or an error). */
  private spop(key: string): string[] {
    const card = this.shadow.run('SCARD', key);
    const size = card[0] === ':' ? Number(card.slice(1, -2)) : 0;
    switch (this.int(5)) {
      case 0:
        return size <= 1 ? ['SPOP', key] : ['SPOP', key, '0'];
      case 1:
        return ['SPOP', key, String(size)];
      case 2:
        return ['SPOP', key, String(size + 1 + this.int(3))];
      case 3:
        return ['SPOP', key, this.pick(['0', '-1', 'x'])];
      default:
        return size <= 1 ? ['SPOP', key] : ['SPOP', key, String(size * 2)];
    }
  }
}

const SEQUENCES = 300;
const SEED = 0x5e75;

describeAgainstRedis('hash and set keyspace notifications against redis-server', 180_000, (oracle) => {
  it.each([...HASH_CASES, ...SET_CASES].map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    await expectSameEvents(oracle, c.commands, c.classes ?? 'KEA', stableReplies(c.random));
  });

  it(`${SEQUENCES} seeded random sequences (KEA): same replies and events`, async () => {
    // One generator for all the sequences (not one per run): run n is the n-th sequence it makes.
    const random = mulberry32(SEED);
    const make = (): Commands => new SequenceMaker(random).make();
    const runs = { first: 0, count: SEQUENCES };
    const heard = await expectSameSequences(oracle, runs, make, stableReplies());
    // The sequences did reach every event of the two families (and the generic del of an emptied key).
    expect([...keyeventNames(heard)].sort()).toEqual(
      expect.arrayContaining([
        'del',
        'hdel',
        'hincrby',
        'hincrbyfloat',
        'hset',
        'sadd',
        'sdiffstore',
        'sinterstore',
        'spop',
        'srem',
        'sunionstore',
      ]),
    );
  });
});
