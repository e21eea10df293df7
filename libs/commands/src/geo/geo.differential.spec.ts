/**
 * Differential test of the GEO family: the same command sequences go to Drake (TestServer, in process) and to a
 * real redis-server, and every reply must be the same bytes, in RESP2 and RESP3: scores, coordinates, geohashes,
 * distances (four decimals), the members a search finds and, without ASC/DESC, the order it finds them in (the
 * cells Redis scans, in its order), STORE/STOREDIST results, and every error.
 */
import fc from 'fast-check';
import { allCommands } from '../all-commands';
import { drakeClient, redisReplies } from '../testing/differential';
import { describeFamily } from '../testing/family-differential';
import type { Command } from '../testing/redis-oracle';

const SICILY =
  'GEOADD s 13.361389 38.115556 Palermo 15.087269 37.502669 Catania 13.583333 37.316667 Agrigento';
const MORE =
  'GEOADD s 12.758489 38.788135 Ustica 14.015482 37.523338 Caltanissetta 15.2 38.2 Messina 11.9 36.8 Pantelleria';

const CASES: string[] = [
  `${SICILY} ; GEOPOS s Palermo Catania nope ; GEOHASH s Palermo Catania nope ; ZRANGE s 0 -1 WITHSCORES`,
  `${SICILY} ; GEODIST s Palermo Catania ; GEODIST s Palermo Catania km ; GEODIST s Palermo Catania MI ; GEODIST s Palermo Catania ft ; GEODIST s Palermo nope ; GEODIST s Palermo Palermo`,
  `${SICILY} ; GEODIST s Palermo Catania parsec ; GEODIST s a b km x ; GEODIST nokey a b ; SET str x ; GEODIST str a b ; GEOPOS str a ; GEOHASH str a`,
  `${SICILY} ; ${MORE} ; GEORADIUS s 15 37 200 km ; GEORADIUS s 15 37 200 km ASC ; GEORADIUS s 15 37 200 km DESC WITHDIST`,
  `${SICILY} ; ${MORE} ; GEORADIUS s 15 37 200 km WITHDIST WITHCOORD WITHHASH ; GEORADIUS s 15 37 200 km WITHCOORD COUNT 2 ; GEORADIUS s 15 37 500 km COUNT 3 ANY`,
  `${SICILY} ; ${MORE} ; GEORADIUSBYMEMBER s Agrigento 100 km ; GEORADIUSBYMEMBER s Agrigento 1000 km WITHDIST ASC ; GEORADIUSBYMEMBER_RO s Palermo 80 mi DESC`,
  `${SICILY} ; ${MORE} ; GEORADIUS_RO s 14 37.5 120 km WITHDIST ; GEORADIUS_RO s 14 37.5 120 km STORE x`,
  `${SICILY} ; ${MORE} ; GEOSEARCH s FROMLONLAT 15 37 BYRADIUS 200 km ASC ; GEOSEARCH s FROMLONLAT 15 37 BYBOX 400 400 km WITHCOORD WITHDIST ; GEOSEARCH s FROMMEMBER Palermo BYBOX 300 100 km`,
  `${SICILY} ; ${MORE} ; GEOSEARCH s FROMMEMBER Ustica BYRADIUS 1000 km DESC COUNT 4 WITHHASH ; GEOSEARCH s FROMLONLAT 0 0 BYRADIUS 10 km`,
  `${SICILY} ; ${MORE} ; GEOSEARCHSTORE d s FROMLONLAT 15 37 BYBOX 400 400 km ASC COUNT 3 STOREDIST ; ZRANGE d 0 -1 WITHSCORES ; GEOSEARCHSTORE d s FROMLONLAT 15 37 BYRADIUS 200 km ; ZRANGE d 0 -1 WITHSCORES ; OBJECT ENCODING d`,
  `${SICILY} ; GEORADIUS s 15 37 200 km STORE d ; ZRANGE d 0 -1 WITHSCORES ; GEORADIUS s 15 37 200 km STOREDIST d ; ZRANGE d 0 -1 WITHSCORES ; GEORADIUS s 0 0 1 km STORE d ; EXISTS d`,
  `GEORADIUS nokey 15 37 200 km ; SET d x ; GEORADIUS nokey 15 37 200 km STORE d ; EXISTS d ; GEORADIUSBYMEMBER nokey m 1 km ; GEOSEARCH nokey FROMMEMBER m BYRADIUS 1 km ; GEOSEARCHSTORE d nokey FROMLONLAT 1 1 BYRADIUS 1 km`,
  `${SICILY} ; GEOADD s 200 100 bad ; GEOADD s 1 86 bad ; GEOADD s x 1 bad ; GEOADD s 1 inf bad ; GEOADD s NX XX 1 1 a ; GEOADD s 1 1 ; GEOADD s xx 1 x a ; GEOADD s GT 1 1 a ; ZCARD s`,
  `${SICILY} ; GEOADD s NX 1 1 Palermo 2 2 new ; GEOADD s XX CH 3 3 Palermo 4 4 other ; GEOADD s CH 3 3 Palermo 5 5 Catania ; GEOPOS s Palermo new other Catania`,
  `${SICILY} ; GEORADIUS s 15 37 -1 km ; GEORADIUS s 15 37 x km ; GEORADIUS s 15 37 1 parsec ; GEORADIUS s 15 37 200 km COUNT 0 ; GEORADIUS s 15 37 200 km COUNT x ; GEORADIUS s 15 37 200 km ANY ; GEORADIUS s 15 37 200 km STORE x WITHDIST ; GEORADIUS s 15 37 200 km FOO ; GEORADIUS s 181 37 1 km`,
  `${SICILY} ; GEOSEARCH s BYRADIUS 10 km ; GEOSEARCH s FROMLONLAT 1 1 COUNT 1 ; GEOSEARCH s FROMMEMBER nope BYRADIUS 1 km ; GEOSEARCH s FROMLONLAT 1 1 BYRADIUS 1 km STORE x ; GEOSEARCHSTORE d s FROMLONLAT 1 1 BYRADIUS 1 km WITHDIST ; GEOSEARCH s FROMLONLAT 1 1 BYBOX -1 1 km ; GEOSEARCH s FROMLONLAT 1 1 BYBOX x 1 km ; GEOSEARCH s FROMLONLAT 1 1 BYBOX 1 y km`,
  `${SICILY} ; GEOSEARCH s FROMLONLAT 15 37 BYRADIUS 200 km FROMLONLAT 14 37 ASC ; GEOSEARCH s FROMMEMBER Palermo FROMLONLAT 14 37 BYRADIUS 10 km ; GEOSEARCH s FROMLONLAT 14 37 FROMMEMBER Palermo BYRADIUS 10 km ; GEOSEARCH s FROMLONLAT 14 37 BYRADIUS 1 km BYBOX 1 1 km ; GEOSEARCH s FROMMEMBER Palermo FROMMEMBER Catania BYRADIUS 100 km ASC`,
  `${SICILY} ; GEORADIUSBYMEMBER s nope 1 km ; GEORADIUSBYMEMBER_RO s Palermo 1 km STORE x ; GEORADIUS_RO s 1 1 1 km STOREDIST x ; GEOSEARCHSTORE d s FROMLONLAT 1 1 BYRADIUS 1 km STORE x`,
  'GEOADD big 180 85.05112878 corner -180 -85.05112878 corner2 0 0 zero -0.0001 0.0001 near ; GEOPOS big corner corner2 zero near ; GEOHASH big corner corner2 zero near ; ZRANGE big 0 -1 WITHSCORES ; GEORADIUS big 0 0 20000 km ASC WITHCOORD WITHHASH',
  'ZADD z 1.5 a -1 b 1e300 c 0 d ; GEOPOS z a b c d ; GEOHASH z a b c d ; GEODIST z a b ; GEORADIUS z 0 -85 100 km WITHCOORD',
  'ZADD z 9223372036854775808 a 1.8446744073709552e19 b inf c -inf d -9223372036854775808 e -1e300 f 4503599627370497 g ; GEOPOS z a b c d e f g ; GEOHASH z a b c d e f g',
  // Stored distances to the last bit: V8's Math.cos of this point's latitude is an ulp off glibc's (rounded-trig.ts).
  'GEOADD g1 12 36 a ; GEORADIUS g1 -180 36 11917 KM STOREDIST dst ; ZRANGE dst 0 -1 WITHSCORES ; ZSCORE dst a',
  'GEOADD e -180 0 a 12 36 d 0 85.05112878 n 180 -85.05112878 s ; GEORADIUS e 180 85.05112878 9460 km ; GEORADIUS e -180 85.05112878 1101 km ; GEORADIUS e 180 0 500 km ; GEOSEARCH e FROMLONLAT 180 85.05112878 BYBOX 3000 3000 km',
  'GEOADD p 0 89 x ; GEOADD p 10 85 n1 -170 85 n2 179.9 80 n3 ; GEORADIUS p 0 85 5000 km WITHDIST ; GEOSEARCH p FROMLONLAT 0 84 BYBOX 10000 500 km WITHDIST ; GEORADIUS p 180 85 300 km',
  'GEOADD p 0 0 o 0.001 0 e 0 0.001 n -0.001 0 w 0 -0.001 s ; GEORADIUS p 0 0 200 m WITHDIST ; GEORADIUS p 0 0 0 m ; GEOSEARCH p FROMLONLAT 0 0 BYBOX 150 150 m WITHDIST ; GEORADIUS p 0 0 111.2 m ; GEORADIUS p 0 0 inf km COUNT 2',
  `${SICILY} ; GEORADIUS s 15 37 200 km withdist WITHCOORD withhash asc count 2 ; GEOSEARCH s fromlonlat 15 37 byradius 200 KM desc`,
];

// ---------------------------------------------------------------------------------------------------------
// Random sequences over two keys of points around a few centres and at the edges of the map.

const key = fc.constantFrom('g1', 'g2', 'nokey');
const member = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', '');
const lon = fc.oneof(
  fc.double({ min: -180, max: 180, noNaN: true }),
  fc.double({ min: 12, max: 16, noNaN: true }),
  fc.constantFrom(-180, 180, 0, 181, -0.5),
);
const lat = fc.oneof(
  fc.double({ min: -85.05112878, max: 85.05112878, noNaN: true }),
  fc.double({ min: 36, max: 39, noNaN: true }),
  fc.constantFrom(85.05112878, -85.05112878, 0, 86),
);
const coord = fc.tuple(lon, lat).map(([x, y]) => [String(x), String(y)]);
const unit = fc.constantFrom('m', 'km', 'mi', 'ft', 'KM', 'au');
const distance = fc.oneof(
  fc.double({ min: 0, max: 3000, noNaN: true }).map(String),
  fc.integer({ min: 0, max: 20_000 }).map(String),
  fc.constantFrom('0', '-1', 'x'),
);
const withs = fc.subarray(['WITHDIST', 'WITHCOORD', 'WITHHASH']);
const order = fc.constantFrom([], ['ASC'], ['DESC']);
const count = fc.constantFrom([], ['COUNT', '1'], ['COUNT', '3'], ['COUNT', '2', 'ANY'], ['COUNT', '0']);
const shape = fc.oneof(
  fc.tuple(distance, unit).map(([r, u]) => ['BYRADIUS', r, u]),
  fc.tuple(distance, distance, unit).map(([w, h, u]) => ['BYBOX', w, h, u]),
);
const from = fc.oneof(
  coord.map(([x, y]) => ['FROMLONLAT', x, y]),
  member.map((m) => ['FROMMEMBER', m]),
);

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(key, fc.array(fc.tuple(coord, member), { minLength: 1, maxLength: 5 }))
      .map(([k, pts]) => ['GEOADD', k, ...pts.flatMap(([c, m]) => [...c, m])]),
  },
  fc.tuple(key, fc.array(member, { minLength: 1, maxLength: 3 })).map(([k, ms]) => ['GEOPOS', k, ...ms]),
  fc.tuple(key, fc.array(member, { minLength: 1, maxLength: 3 })).map(([k, ms]) => ['GEOHASH', k, ...ms]),
  fc
    .tuple(key, member, member, fc.constantFrom([], ['km'], ['mi']))
    .map(([k, a, b, u]) => ['GEODIST', k, a, b, ...u]),
  {
    weight: 3,
    arbitrary: fc
      .tuple(key, coord, distance, unit, withs, order, count)
      .map(([k, c, d, u, w, o, n]) => ['GEORADIUS', k, ...c, d, u, ...w, ...o, ...n]),
  },
  fc
    .tuple(key, member, distance, unit, withs, order, count)
    .map(([k, m, d, u, w, o, n]) => ['GEORADIUSBYMEMBER', k, m, d, u, ...w, ...o, ...n]),
  {
    weight: 3,
    arbitrary: fc
      .tuple(key, from, shape, withs, order, count)
      .map(([k, f, s, w, o, n]) => ['GEOSEARCH', k, ...f, ...s, ...w, ...o, ...n]),
  },
  fc
    .tuple(key, from, shape, order, count, fc.boolean())
    .map(([k, f, s, o, n, d]) => [
      'GEOSEARCHSTORE',
      'dst',
      k,
      ...f,
      ...s,
      ...o,
      ...n,
      ...(d ? ['STOREDIST'] : []),
    ]),
  fc
    .tuple(key, coord, distance, unit, order, fc.constantFrom('STORE', 'STOREDIST'))
    .map(([k, c, d, u, o, s]) => ['GEORADIUS', k, ...c, d, u, ...o, s, 'dst']),
  fc.constant(['ZRANGE', 'dst', '0', '-1', 'WITHSCORES']),
  key.map((k) => ['ZRANGE', k, '0', '-1', 'WITHSCORES']),
);

const sequence = fc.array(command, { minLength: 1, maxLength: 15 });

/** Random sequences per protocol; GEO_DIFF_RUNS=20000 for a long hunt. */
const RANDOM_RUNS = Number(process.env.GEO_DIFF_RUNS ?? 500);

describeFamily({
  spec: 'geo.differential.spec',
  title: 'GEO family vs redis-server 7.0 (raw bytes)',
  cases: CASES,
  sequence,
  runs: RANDOM_RUNS,
  async run(redis, seq, protocol) {
    const client = drakeClient(allCommands, protocol);
    const drake = seq.map((cmd) => client.run(...cmd));
    return { drake, redis: await redisReplies(redis, protocol, [], seq) };
  },
});
