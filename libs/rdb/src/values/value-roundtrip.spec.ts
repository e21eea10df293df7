/**
 * Every value type written in both RDB versions' encodings and read back: same content, same digest, and the
 * encoding Redis would report after loading (its load-time conversions against the *-max-* limits).
 */
import { RedisHash, RedisList, RedisSet, RedisZset, isInt64Text, type Value } from '@drake/storage';
import fc from 'fast-check';
import { ByteWriter } from '../byte-writer';
import { valueDigest as digestOf, type Digestible } from '../digest';
import { ChunkSource } from './chunk-source';
import { DEFAULT_LOAD_LIMITS, loadLimits, type ValueLoadLimits } from './load-limits';
import * as T from './rdb-types';
import { readAll } from './reading';
import { readValue } from './value-reader';
import { ZiplistWriter } from './ziplist';
import { writeValue } from './value-writer';
import { writeOptions, type ValueWriteOptions } from './write-options';

/** Every Drake value type is a DigestValue (or a string). */
const valueDigest = (v: Value): Buffer => digestOf(v as Digestible);

function roundTrip(
  value: Value,
  opts: ValueWriteOptions,
  limits = DEFAULT_LOAD_LIMITS,
): { type: number; back: Value } {
  const w = new ByteWriter();
  const type = writeValue(w, value, opts);
  const src = ChunkSource.of(w.toBuffer());
  const t = src.readByte();
  const back = readAll(src, readValue(src, t, limits));
  expect(src.available).toBe(0);
  if (back === null) throw new Error('read back as empty');
  return { type, back };
}

const byte = fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c));
const text = (max: number) => fc.string({ unit: byte, maxLength: max });
const intText = fc.oneof(
  fc.integer({ min: -40000, max: 40000 }).map(String),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String),
);
const member = fc.oneof(text(12), intText, text(90));

function makeSet(members: string[], hashtable: boolean): RedisSet {
  const s = new RedisSet();
  if (hashtable) s.toHashtable();
  for (const m of members) s.add(m, 512);
  return s;
}

function makeHash(pairs: [string, string][], listpack: boolean): RedisHash {
  const h = new RedisHash();
  if (!listpack) h.toHashtable();
  for (const [f, v] of pairs) h.set(f, v);
  return h;
}

function makeZset(pairs: [string, number][], listpack: boolean): RedisZset {
  const z = new RedisZset(listpack);
  for (const [m, s] of pairs) z.set(m, s);
  return z;
}

/** The encoding Redis reports after loading `v` (see the readers' load-time rules). */
function encodingAfterLoad(v: Value, limits: ValueLoadLimits): string {
  if (v instanceof RedisSet) {
    const m = v.members();
    return m.length <= limits.setMaxIntsetEntries && m.every(isInt64Text) ? 'intset' : 'hashtable';
  }
  if (v instanceof RedisHash) {
    if (v.size > limits.hashMaxListpackEntries) return 'hashtable';
    if (v.isListpack) return 'listpack';
    const long = [...v.fields(), ...v.values()].some((s) => s.length > limits.hashMaxListpackValue);
    return long ? 'hashtable' : 'listpack';
  }
  if (v instanceof RedisZset) {
    if (v.size > limits.zsetMaxListpackEntries) return 'skiplist';
    if (v.isListpack) return 'listpack';
    const long = [...v.entries()].some(([m]) => m.length > limits.zsetMaxListpackValue);
    return long ? 'skiplist' : 'listpack';
  }
  return 'quicklist';
}

/** Scores; -0 is left out here: a skiplist's -0 becomes 0 when loading converts it (tested on its own). */
const score = fc
  .oneof(
    fc.integer({ min: -1000, max: 1000 }),
    fc.double({ noNaN: true }),
    fc.constantFrom(Infinity, -Infinity, 0, 2 ** 53, 2 ** 62, 2 ** 63, -(2 ** 62), 1e300, 0.1),
  )
  .map((x) => (Object.is(x, -0) ? 0 : x));

const values: fc.Arbitrary<Value> = fc.oneof(
  text(200),
  intText,
  fc.array(member, { minLength: 1, maxLength: 300 }).map((items) => RedisList.from(items)),
  fc.uniqueArray(intText, { minLength: 1, maxLength: 600 }).map((m) => makeSet(m, m.length > 512)),
  fc
    .tuple(fc.uniqueArray(member, { minLength: 1, maxLength: 40 }), fc.boolean())
    .map(([m, ht]) => makeSet(m, ht || !m.every(isInt64Text))),
  fc
    .tuple(
      fc.uniqueArray(fc.tuple(member, member), { minLength: 1, maxLength: 600, selector: (p) => p[0] }),
      fc.boolean(),
    )
    .map(([p, lp]) => makeHash(p, lp)),
  fc
    .tuple(
      fc.uniqueArray(fc.tuple(member, score), { minLength: 1, maxLength: 200, selector: (p) => p[0] }),
      fc.boolean(),
    )
    .map(([p, lp]) => makeZset(p, lp)),
);

describe('values written and read back', () => {
  it.each([9, 10] as const)('keep content, digest and load-time encoding (RDB %i)', (version) => {
    fc.assert(
      fc.property(values, fc.boolean(), (v, compress) => {
        const { back } = roundTrip(v, writeOptions({ version, compress }));
        expect(valueDigest(back).toString('hex')).toBe(valueDigest(v).toString('hex'));
        if (typeof v === 'string') expect(back).toBe(v);
        else
          expect((back as unknown as { encoding: string }).encoding).toBe(
            encodingAfterLoad(v, DEFAULT_LOAD_LIMITS),
          );
      }),
      { numRuns: 300 },
    );
  });

  it('writes the type bytes of each version and encoding', () => {
    const v10 = writeOptions({ version: 10 });
    const v9 = writeOptions({ version: 9 });
    const cases: Array<[Value, number, number]> = [
      ['x', T.RDB_TYPE_STRING, T.RDB_TYPE_STRING],
      [RedisList.from(['a']), T.RDB_TYPE_LIST_QUICKLIST_2, T.RDB_TYPE_LIST_QUICKLIST],
      [makeSet(['1'], false), T.RDB_TYPE_SET_INTSET, T.RDB_TYPE_SET_INTSET],
      [makeSet(['a'], true), T.RDB_TYPE_SET, T.RDB_TYPE_SET],
      [makeHash([['a', 'b']], true), T.RDB_TYPE_HASH_LISTPACK, T.RDB_TYPE_HASH_ZIPLIST],
      [makeHash([['a', 'b']], false), T.RDB_TYPE_HASH, T.RDB_TYPE_HASH],
      [makeZset([['a', 1]], true), T.RDB_TYPE_ZSET_LISTPACK, T.RDB_TYPE_ZSET_ZIPLIST],
      [makeZset([['a', 1]], false), T.RDB_TYPE_ZSET_2, T.RDB_TYPE_ZSET_2],
    ];
    for (const [v, t10, t9] of cases) {
      expect(roundTrip(v, v10).type).toBe(t10);
      expect(roundTrip(v, v9).type).toBe(t9);
    }
  });

  it('converts on load against the given limits, as Redis does', () => {
    const opts = writeOptions();
    const small = loadLimits({
      setMaxIntsetEntries: 2,
      hashMaxListpackEntries: 2,
      hashMaxListpackValue: 3,
      zsetMaxListpackEntries: 2,
      zsetMaxListpackValue: 3,
    });
    const enc = (v: Value) => (roundTrip(v, opts, small).back as unknown as { encoding: string }).encoding;
    expect(enc(makeSet(['1', '2', '3'], false))).toBe('hashtable');
    expect(enc(makeSet(['1', '2'], true))).toBe('intset');
    expect(
      enc(
        makeHash(
          [
            ['a', 'b'],
            ['c', 'd'],
            ['e', 'f'],
          ],
          true,
        ),
      ),
    ).toBe('hashtable');
    // A listpack blob is not checked for long values (only its count); pairs (type 4) are.
    expect(enc(makeHash([['long-field', 'v']], true))).toBe('listpack');
    expect(enc(makeHash([['long-field', 'v']], false))).toBe('hashtable');
    expect(enc(makeHash([['f', 'v']], false))).toBe('listpack');
    expect(
      enc(
        makeZset(
          [
            ['a', 1],
            ['b', 2],
            ['c', 3],
          ],
          true,
        ),
      ),
    ).toBe('skiplist');
    expect(enc(makeZset([['long-member', 1]], true))).toBe('listpack');
    expect(enc(makeZset([['long-member', 1]], false))).toBe('skiplist');
    // Converted to listpack, -0 is stored as the integer 0 (Redis's zzlInsertAt).
    const negZero = roundTrip(makeZset([['m', -0]], false), opts, small).back as RedisZset;
    expect(negZero.encoding).toBe('listpack');
    expect(Object.is(negZero.score('m'), 0)).toBe(true);
  });

  it('cuts lists into nodes as tail pushes would, and keeps element order', () => {
    const items = Array.from({ length: 5000 }, (_, i) => `element-${i}`);
    for (const version of [9, 10] as const) {
      for (const listFill of [-1, -2, -5, 1, 7, 128]) {
        const { back } = roundTrip(
          RedisList.from(items),
          writeOptions({ version, listFill, listCompressDepth: 2 }),
        );
        expect((back as RedisList).toArray()).toEqual(items);
      }
    }
    // A plain node for an element at the packed threshold, between packed ones.
    const w = new ByteWriter();
    writeValue(w, RedisList.from(['a', 'x'.repeat(40), 'b']), writeOptions({ packedThreshold: 40 }));
    // Type 18, three nodes, the first one packed (the plain one is checked by reading back).
    expect(w.bytes().subarray(0, 3).toString('hex')).toBe('120302');
    const src = ChunkSource.of(w.toBuffer());
    src.readByte();
    expect(
      (readAll(src, readValue(src, T.RDB_TYPE_LIST_QUICKLIST_2, DEFAULT_LOAD_LIMITS)) as RedisList).toArray(),
    ).toEqual(['a', 'x'.repeat(40), 'b']);
  });

  it('reads the older types: plain list (1), ASCII-score zset (3), zipmap (9), ziplist list (10)', () => {
    const read = (type: number, body: Buffer): Value | null => {
      const src = ChunkSource.of(body);
      return readAll(src, readValue(src, type, DEFAULT_LOAD_LIMITS));
    };
    // Type 1: count then elements (one int-encoded).
    const list = read(T.RDB_TYPE_LIST, Buffer.from('03' + '0161' + 'c07b' + '0162', 'hex')) as RedisList;
    expect(list.toArray()).toEqual(['a', '123', 'b']);
    // Type 3: count, then member and score as length-prefixed text (253 nan, 254 inf, 255 -inf).
    const zset = read(
      T.RDB_TYPE_ZSET,
      Buffer.concat([
        Buffer.from('03' + '0161' + '03', 'hex'),
        Buffer.from('1.5'),
        Buffer.from('0162fe0163ff', 'hex'),
      ]),
    ) as RedisZset;
    expect([...zset.entries()]).toEqual([
      ['c', -Infinity],
      ['a', 1.5],
      ['b', Infinity],
    ]);
    expect(zset.encoding).toBe('listpack');
    expect(() => read(T.RDB_TYPE_ZSET, Buffer.from('01' + '0161' + 'fd', 'hex'))).toThrow(/NAN/);
    // Type 9: a zipmap blob as a string: 2 pairs, one value with 2 free bytes.
    const zipmap = Buffer.from(
      '02' + '0166' + '01' + '00' + '76' + '026767' + '03' + '02' + '313233' + '0000' + 'ff',
      'hex',
    );
    const hash = read(
      T.RDB_TYPE_HASH_ZIPMAP,
      Buffer.concat([Buffer.from([zipmap.length]), zipmap]),
    ) as RedisHash;
    expect([hash.fields(), hash.values()]).toEqual([
      ['f', 'gg'],
      ['v', '123'],
    ]);
    // Type 10: one ziplist blob.
    const zl = new ZiplistWriter();
    for (const e of ['x', '7', '-300']) zl.appendString(e);
    const blob = zl.finish();
    const zlist = read(
      T.RDB_TYPE_LIST_ZIPLIST,
      Buffer.concat([Buffer.from([blob.length]), blob]),
    ) as RedisList;
    expect(zlist.toArray()).toEqual(['x', '7', '-300']);
    // Empty collections read as null (an empty key).
    expect(read(T.RDB_TYPE_LIST, Buffer.from('00', 'hex'))).toBeNull();
    expect(read(T.RDB_TYPE_ZSET_2, Buffer.from('00', 'hex'))).toBeNull();
    expect(read(T.RDB_TYPE_HASH, Buffer.from('00', 'hex'))).toBeNull();
  });
});
