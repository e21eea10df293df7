import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Err } from '../errors';
import { lookupRead } from '../keys/lookup';
import { readZset } from '../zsets/zset-lookup';
import { zaddGeneric } from '../zsets/zadd-generic';
import { RedisZset } from '@drake/storage';
import { parseLonLat, parseUnit } from './geo-args';
import { fixed4, replyCoordinate } from './geo-format';
import { align52, decodeScore, encode, GEO_STEP_MAX, type GeoCell } from './geohash';
import { distance } from './geo-shape';
import { geoSearch, SearchKind } from './geo-search';

/** GEOADD key [NX|XX] [CH] lon lat member ...: the coordinates become 52-bit geohash scores, then ZADD runs. */
export const geoaddCommand = defineCommand({
  name: 'geoadd',
  arity: -5,
  flags: ['write', 'denyoom'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'geo', 'slow'],
  group: 'geo',
  summary: 'Add one or more geospatial items in the geospatial index represented using a sorted set',
  since: '3.2.0',
  complexity: 'O(log(N)) for each item added, where N is the number of elements in the sorted set.',
  execute(client: Client, argv: string[]): void {
    let nx = false;
    let xx = false;
    let first = 2;
    for (; first < argv.length; first++) {
      const opt = argv[first].toLowerCase();
      if (opt === 'nx') nx = true;
      else if (opt === 'xx') xx = true;
      else if (opt !== 'ch') break;
    }
    if ((argv.length - first) % 3 !== 0 || (nx && xx)) {
      client.reply.error(Err.syntax);
      return;
    }
    const zadd = argv.slice(0, first);
    zadd[0] = 'zadd';
    for (let i = first; i < argv.length; i += 3) {
      const xy = parseLonLat(client, argv, i);
      if (xy === null) return;
      const cell = encode(xy[0], xy[1], GEO_STEP_MAX) as GeoCell;
      zadd.push(align52(cell).toString(), argv[i + 2]);
    }
    zaddGeneric(client, zadd, 0);
  },
});

/**
 * GEOPOS and GEOHASH: a read of argv[1] answering one entry per member named after it, `found` for a member the set
 * holds and `missing` for one it does not (also when the key is missing).
 */
function perMemberCommand(
  name: string,
  summary: string,
  complexity: string,
  missing: (client: Client) => void,
  found: (client: Client, score: number) => void,
): ReturnType<typeof defineCommand> {
  return defineCommand({
    name,
    arity: -2,
    flags: ['readonly'],
    firstKey: 1,
    lastKey: 1,
    keyStep: 1,
    categories: ['read', 'geo', 'slow'],
    group: 'geo',
    summary,
    since: '3.2.0',
    complexity,
    execute(client: Client, argv: string[]): void {
      const zset = readZset(client, argv[1]);
      if (zset === null) return;
      client.reply.array(argv.length - 2);
      for (let j = 2; j < argv.length; j++) {
        const score = zset?.score(argv[j]);
        if (score === undefined) missing(client);
        else found(client, score);
      }
    },
  });
}

/** GEOPOS key member ...: each member's coordinates, or a null array for a missing one. */
export const geoposCommand = perMemberCommand(
  'geopos',
  'Returns longitude and latitude of members of a geospatial index',
  'O(N) where N is the number of members requested.',
  (client) => client.reply.nullArray(),
  (client, score) => {
    const [lon, lat] = decodeScore(score);
    client.reply.array(2);
    replyCoordinate(client.reply, lon);
    replyCoordinate(client.reply, lat);
  },
);

const GEOALPHABET = '0123456789bcdefghjkmnpqrstuvwxyz';
const STANDARD_LAT = { min: -90, max: 90 };
const STANDARD_LONG = { min: -180, max: 180 };

/** GEOHASH key member ...: the standard 11-character geohash of each member (Redis pads the 52 bits with '0'). */
export const geohashCommand = perMemberCommand(
  'geohash',
  'Returns members of a geospatial index as standard geohash strings',
  'O(log(N)) for each member requested, where N is the number of elements in the sorted set.',
  (client) => client.reply.nil(),
  (client, score) => {
    const [lon, lat] = decodeScore(score);
    // Our scores use Mercator's latitude range: re-encode over the standard ±90.
    const cell = encode(lon, lat, GEO_STEP_MAX, STANDARD_LONG, STANDARD_LAT);
    const bits = cell === null ? 0n : align52(cell);
    let text = '';
    for (let i = 0; i < 10; i++) text += GEOALPHABET[Number((bits >> BigInt(52 - (i + 1) * 5)) & 0x1fn)];
    client.reply.bulk(text + '0');
  },
);

/** GEODIST key member1 member2 [unit]: their distance with four decimals, or nil when one is missing. */
export const geodistCommand = defineCommand({
  name: 'geodist',
  arity: -4,
  flags: ['readonly'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'geo', 'slow'],
  group: 'geo',
  summary: 'Returns the distance between two members of a geospatial index',
  since: '3.2.0',
  complexity: 'O(log(N))',
  execute(client: Client, argv: string[]): void {
    const reply = client.reply;
    let toMeter = 1;
    if (argv.length === 5) {
      toMeter = parseUnit(client, argv[4]);
      if (toMeter < 0) return;
    } else if (argv.length > 5) {
      reply.error(Err.syntax);
      return;
    }
    const value = lookupRead(client, argv[1]);
    if (value === undefined) {
      reply.nil();
      return;
    }
    if (!(value instanceof RedisZset)) {
      reply.error(Err.wrongType);
      return;
    }
    const s1 = value.score(argv[2]);
    const s2 = value.score(argv[3]);
    if (s1 === undefined || s2 === undefined) {
      reply.nil();
      return;
    }
    const [lon1, lat1] = decodeScore(s1);
    const [lon2, lat2] = decodeScore(s2);
    reply.bulk(fixed4(distance(lon1, lat1, lon2, lat2) / toMeter));
  },
});

function searchCommand(
  name: string,
  srcIndex: number,
  kind: number,
  def: { arity: number; write: boolean; summary: string; since: string; complexity: string },
): ReturnType<typeof defineCommand> {
  return defineCommand({
    name,
    arity: def.arity,
    // GEORADIUS's STORE key is found by keyword (movablekeys); GEOSEARCHSTORE's destination is argv[1].
    flags: def.write
      ? srcIndex === 1
        ? ['write', 'denyoom', 'movablekeys']
        : ['write', 'denyoom']
      : ['readonly'],
    firstKey: 1,
    lastKey: srcIndex,
    keyStep: 1,
    categories: def.write ? ['write', 'geo', 'slow'] : ['read', 'geo', 'slow'],
    group: 'geo',
    summary: def.summary,
    since: def.since,
    complexity: def.complexity,
    execute(client: Client, argv: string[]): void {
      geoSearch(client, argv, srcIndex, kind);
    },
  });
}

const RADIUS_COMPLEXITY =
  'O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.';

export const georadiusCommand = searchCommand('georadius', 1, SearchKind.Coords, {
  arity: -6,
  write: true,
  summary:
    'Query a sorted set representing a geospatial index to fetch members matching a given maximum distance from a point',
  since: '3.2.0',
  complexity: RADIUS_COMPLEXITY,
});

export const georadiusRoCommand = searchCommand('georadius_ro', 1, SearchKind.Coords | SearchKind.NoStore, {
  arity: -6,
  write: false,
  summary: 'A read-only variant for GEORADIUS',
  since: '3.2.10',
  complexity: RADIUS_COMPLEXITY,
});

export const georadiusbymemberCommand = searchCommand('georadiusbymember', 1, SearchKind.Member, {
  arity: -5,
  write: true,
  summary:
    'Query a sorted set representing a geospatial index to fetch members matching a given maximum distance from a member',
  since: '3.2.0',
  complexity: RADIUS_COMPLEXITY,
});

export const georadiusbymemberRoCommand = searchCommand(
  'georadiusbymember_ro',
  1,
  SearchKind.Member | SearchKind.NoStore,
  {
    arity: -5,
    write: false,
    summary: 'A read-only variant for GEORADIUSBYMEMBER',
    since: '3.2.10',
    complexity: RADIUS_COMPLEXITY,
  },
);

export const geosearchCommand = searchCommand('geosearch', 1, SearchKind.Search, {
  arity: -7,
  write: false,
  summary:
    'Query a sorted set representing a geospatial index to fetch members inside an area of a box or a circle.',
  since: '6.2.0',
  complexity:
    'O(N+log(M)) where N is the number of elements in the grid-aligned bounding box area around the shape provided as the filter and M is the number of items inside the shape',
});

export const geosearchstoreCommand = searchCommand(
  'geosearchstore',
  2,
  SearchKind.Search | SearchKind.SearchStore,
  {
    arity: -8,
    write: true,
    summary:
      'Query a sorted set representing a geospatial index to fetch members inside an area of a box or a circle, and store the result in another key.',
    since: '6.2.0',
    complexity:
      'O(N+log(M)) where N is the number of elements in the grid-aligned bounding box area around the shape provided as the filter and M is the number of items inside the shape',
  },
);
