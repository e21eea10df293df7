import { RedisZset } from '@drake/storage';
import { parseI64 } from '../args';
import type { Client } from '../client';
import { Err } from '../errors';
import { maxListpackEntries, readZset, storeResult, zsetPut } from '../zsets/zset-lookup';
import { parseBox, parseLonLat, parseRadius } from './geo-args';
import { replyCoordinate, replyDistance } from './geo-format';
import { decodeScore, align52, type GeoCell } from './geohash';
import { distance, distanceIfWithin, ROUNDED_TRIG, searchCells, type GeoShape } from './geo-shape';

/** Which command runs the search (Redis's georadiusGeneric flags). */
export const enum SearchKind {
  /** GEORADIUS: centre from longitude and latitude. */
  Coords = 1,
  /** GEORADIUSBYMEMBER: centre from a member. */
  Member = 2,
  /** The _RO variants: no STORE / STOREDIST. */
  NoStore = 4,
  /** GEOSEARCH: FROMMEMBER/FROMLONLAT and BYRADIUS/BYBOX options. */
  Search = 8,
  /** GEOSEARCHSTORE: GEOSEARCH into a destination, STOREDIST as a flag. */
  SearchStore = 16,
}

interface Found {
  readonly member: string;
  readonly score: number;
  readonly lon: number;
  readonly lat: number;
  dist: number;
}

interface Options {
  withDist: boolean;
  withHash: boolean;
  withCoord: boolean;
  sort: 0 | 1 | -1;
  any: boolean;
  count: number;
  storeKey: string | null;
  storeDist: boolean;
  center: [number, number] | null;
  fromMember: boolean;
  fromLonLat: boolean;
  radius: [number, number] | null;
  box: [number, number, number] | null;
}

const COULD_NOT_DECODE = 'ERR could not decode requested zset member';

/** The centre of the search at a member, or null (error replied) when the set lacks it. */
function memberCenter(client: Client, zset: RedisZset, member: string): [number, number] | null {
  const score = zset.score(member);
  if (score === undefined) {
    client.reply.error(COULD_NOT_DECODE);
    return null;
  }
  return decodeScore(score);
}

/** Reads the optional arguments from argv[base] on, in Redis's order and with its errors; null once replied. */
function parseOptions(
  client: Client,
  argv: string[],
  base: number,
  kind: number,
  zset: RedisZset | undefined,
  opts: Options,
): Options | null {
  const search = (kind & SearchKind.Search) !== 0;
  const storeAllowed = (kind & SearchKind.NoStore) === 0 && !search;
  for (let i = base; i < argv.length; i++) {
    const arg = argv[i].toLowerCase();
    const left = argv.length - i - 1;
    if (arg === 'withdist') opts.withDist = true;
    else if (arg === 'withhash') opts.withHash = true;
    else if (arg === 'withcoord') opts.withCoord = true;
    else if (arg === 'any') opts.any = true;
    else if (arg === 'asc') opts.sort = 1;
    else if (arg === 'desc') opts.sort = -1;
    else if (arg === 'count' && left >= 1) {
      const n = parseI64(argv[++i]);
      if (n === null) return fail(client, Err.notInteger);
      if (n <= 0n) return fail(client, 'ERR COUNT must be > 0');
      opts.count = Number(n);
    } else if ((arg === 'store' || arg === 'storedist') && left >= 1 && storeAllowed) {
      opts.storeKey = argv[++i];
      opts.storeDist = arg === 'storedist';
    } else if (arg === 'storedist' && search && (kind & SearchKind.SearchStore) !== 0) {
      opts.storeDist = true;
    } else if (arg === 'frommember' && left >= 1 && search && !opts.fromLonLat) {
      const member = argv[++i];
      opts.fromMember = true;
      // Without a source set the arguments are still checked; the empty answer comes after.
      if (zset !== undefined) {
        const center = memberCenter(client, zset, member);
        if (center === null) return null;
        opts.center = center;
      }
    } else if (arg === 'fromlonlat' && left >= 2 && search && !opts.fromMember) {
      const center = parseLonLat(client, argv, i + 1);
      if (center === null) return null;
      opts.center = center;
      opts.fromLonLat = true;
      i += 2;
    } else if (arg === 'byradius' && left >= 2 && search && opts.box === null) {
      const radius = parseRadius(client, argv, i + 1);
      if (radius === null) return null;
      opts.radius = radius;
      i += 2;
    } else if (arg === 'bybox' && left >= 3 && search && opts.radius === null) {
      const box = parseBox(client, argv, i + 1);
      if (box === null) return null;
      opts.box = box;
      i += 3;
    } else {
      return fail(client, Err.syntax);
    }
  }
  return opts;
}

function fail(client: Client, error: string): null {
  client.reply.error(error);
  return null;
}

/** The members of `zset` in `cell` (scores in [min, max) of its 52-bit range) that lie in the shape. */
function collectCell(zset: RedisZset, cell: GeoCell, shape: GeoShape, out: Found[], limit: number): void {
  // Every score whose top 2·step bits are the cell's: [cell, cell + 1) aligned to 52 bits.
  const low = align52(cell);
  const min = Number(low);
  const max = Number(low + (1n << BigInt(52 - cell.step * 2)));
  const cursor = zset.at(zset.countScoreBelow(min, false));
  if (cursor === null) return;
  do {
    const score = cursor.score;
    if (score >= max) break;
    const [lon, lat] = decodeScore(score);
    const dist = distanceIfWithin(shape, lon, lat);
    if (dist >= 0) out.push({ member: cursor.member, score, lon, lat, dist });
    if (limit !== 0 && out.length >= limit) break;
  } while (cursor.next());
}

/** Every match in the centre's cell and its neighbours, skipping a cell equal to the one scanned before it. */
function collect(zset: RedisZset, shape: GeoShape, limit: number): Found[] {
  const out: Found[] = [];
  let last: GeoCell | null = null;
  for (const cell of searchCells(shape)) {
    if (cell.step === 0) continue;
    if (last !== null && cell.lat === last.lat && cell.lon === last.lon && cell.step === last.step) continue;
    if (limit !== 0 && out.length >= limit) break;
    collectCell(zset, cell, shape, out, limit);
    last = cell;
  }
  return out;
}

/**
 * GEORADIUS, GEORADIUSBYMEMBER (and _RO), GEOSEARCH and GEOSEARCHSTORE: Redis 7.0's georadiusGeneric, from the
 * argument checks and their order to the cells scanned, the order of unsorted results and the replies.
 */
export function geoSearch(client: Client, argv: string[], srcIndex: number, kind: number): void {
  const reply = client.reply;
  const found = readZset(client, argv[srcIndex]);
  if (found === null) return;
  const zset = found;
  const opts: Options = {
    withDist: false,
    withHash: false,
    withCoord: false,
    sort: 0,
    any: false,
    count: 0,
    storeKey: kind & SearchKind.SearchStore ? argv[1] : null,
    storeDist: false,
    center: null,
    fromMember: false,
    fromLonLat: false,
    radius: null,
    box: null,
  };
  let base: number;
  if (kind & SearchKind.Coords) {
    base = 6;
    opts.center = parseLonLat(client, argv, 2);
    if (opts.center === null) return;
    opts.radius = parseRadius(client, argv, 4);
    if (opts.radius === null) return;
  } else if (kind & SearchKind.Member) {
    base = 5;
    if (zset !== undefined) {
      opts.center = memberCenter(client, zset, argv[2]);
      if (opts.center === null) return;
      opts.radius = parseRadius(client, argv, 3);
      if (opts.radius === null) return;
    }
  } else {
    base = kind & SearchKind.SearchStore ? 3 : 2;
  }
  if (parseOptions(client, argv, base, kind, zset, opts) === null) return;
  if (opts.storeKey !== null && (opts.withDist || opts.withHash || opts.withCoord)) {
    const what = kind & SearchKind.SearchStore ? 'GEOSEARCHSTORE' : 'STORE option in GEORADIUS';
    reply.error(`ERR ${what} is not compatible with WITHDIST, WITHHASH and WITHCOORD options`);
    return;
  }
  if (kind & SearchKind.Search) {
    if (!opts.fromMember && !opts.fromLonLat) {
      reply.error(`ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for ${argv[0]}`);
      return;
    }
    if (opts.radius === null && opts.box === null) {
      reply.error(`ERR exactly one of BYRADIUS and BYBOX can be specified for ${argv[0]}`);
      return;
    }
  }
  if (opts.any && opts.count === 0) {
    reply.error('ERR the ANY argument requires COUNT argument');
    return;
  }
  if (zset === undefined) {
    // Nothing found: a destination is deleted (storeResult's empty case).
    if (opts.storeKey === null) reply.array(0);
    else store(client, opts.storeKey, [], 0, false, kind);
    return;
  }
  if (opts.count !== 0 && opts.sort === 0 && !opts.any) opts.sort = 1;
  const [lon, lat] = opts.center as [number, number];
  const shape: GeoShape =
    opts.box !== null
      ? { kind: 'box', lon, lat, width: opts.box[0], height: opts.box[1], conversion: opts.box[2] }
      : {
          kind: 'circle',
          lon,
          lat,
          radius: (opts.radius as [number, number])[0],
          conversion: (opts.radius as [number, number])[1],
        };
  const results = collect(zset, shape, opts.any ? opts.count : 0);
  if (results.length === 0 && opts.storeKey === null) {
    reply.array(0);
    return;
  }
  const returned = opts.count === 0 || results.length < opts.count ? results.length : opts.count;
  // A stable sort: Redis's qsort is glibc's merge sort, which keeps equal distances in scan order.
  if (opts.sort !== 0)
    results.sort((a, b) => (a.dist > b.dist ? opts.sort : a.dist < b.dist ? -opts.sort : 0));
  for (let i = 0; i < returned; i++) {
    const r = results[i];
    // A stored distance is seen to its last bit: computed again with trigonometry rounded as glibc's (Redis's).
    if (opts.storeKey !== null && opts.storeDist) r.dist = distance(lon, lat, r.lon, r.lat, ROUNDED_TRIG);
    r.dist /= shape.conversion;
  }
  if (opts.storeKey !== null) store(client, opts.storeKey, results, returned, opts.storeDist, kind);
  else replyResults(client, results, returned, opts);
}

function replyResults(client: Client, results: Found[], returned: number, opts: Options): void {
  const reply = client.reply;
  const extra = (opts.withDist ? 1 : 0) + (opts.withCoord ? 1 : 0) + (opts.withHash ? 1 : 0);
  reply.array(returned);
  for (let i = 0; i < returned; i++) {
    const r = results[i];
    if (extra !== 0) reply.array(extra + 1);
    reply.bulk(r.member);
    if (opts.withDist) replyDistance(reply, r.dist);
    if (opts.withHash) reply.integer(Math.trunc(r.score));
    if (opts.withCoord) {
      reply.array(2);
      replyCoordinate(reply, r.lon);
      replyCoordinate(reply, r.lat);
    }
  }
}

function store(
  client: Client,
  key: string,
  results: Found[],
  returned: number,
  byDist: boolean,
  kind: number,
): void {
  const zset = new RedisZset(maxListpackEntries(client) !== 0);
  for (let i = 0; i < returned; i++)
    zsetPut(client, zset, results[i].member, byDist ? results[i].dist : results[i].score);
  const event = kind & SearchKind.Search ? 'geosearchstore' : 'georadiusstore';
  storeResult(client, key, zset, event);
}
