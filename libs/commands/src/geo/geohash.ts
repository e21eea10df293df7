/**
 * The 52-bit geohash Redis stores as a GEO member's sorted-set score: latitude and longitude, each scaled into
 * 2^step cells over its range, interleaved (latitude in the even bits, longitude in the odd ones). The arithmetic
 * follows Redis 7.0's geohash.c operation for operation, so scores, decoded coordinates and search cells are
 * bit-identical to Redis's.
 */
export const GEO_STEP_MAX = 26;
export const LONG_MIN = -180;
export const LONG_MAX = 180;
/** Web Mercator's latitude limits: Redis's GEO range, not the geohash standard's ±90. */
export const LAT_MIN = -85.05112878;
export const LAT_MAX = 85.05112878;

export interface Range {
  readonly min: number;
  readonly max: number;
}

export const LONG_RANGE: Range = { min: LONG_MIN, max: LONG_MAX };
export const LAT_RANGE: Range = { min: LAT_MIN, max: LAT_MAX };

/** A cell: its latitude and longitude indexes at `step` bits each. `step` 0 marks a cell left out of a search. */
export interface GeoCell {
  readonly lat: number;
  readonly lon: number;
  readonly step: number;
}

export interface GeoArea {
  readonly cell: GeoCell;
  readonly latMin: number;
  readonly latMax: number;
  readonly lonMin: number;
  readonly lonMax: number;
}

/** Spreads the low 16 bits of `x` to the even bit positions of a 32-bit value. */
function spread16(x: number): number {
  x &= 0xffff;
  x = (x | (x << 8)) & 0x00ff00ff;
  x = (x | (x << 4)) & 0x0f0f0f0f;
  x = (x | (x << 2)) & 0x33333333;
  x = (x | (x << 1)) & 0x55555555;
  return x >>> 0;
}

/** Gathers the even bits of a 32-bit value into its low 16 bits. */
function compact16(x: number): number {
  x &= 0x55555555;
  x = (x | (x >>> 1)) & 0x33333333;
  x = (x | (x >>> 2)) & 0x0f0f0f0f;
  x = (x | (x >>> 4)) & 0x00ff00ff;
  x = (x | (x >>> 8)) & 0x0000ffff;
  return x;
}

/** The interleaved bits of a cell (latitude even, longitude odd), exact as a BigInt (up to 64 bits). */
export function cellBits(cell: GeoCell): bigint {
  const spread = (v: number): bigint => BigInt(spread16(v)) | (BigInt(spread16(v >>> 16)) << 32n);
  return spread(cell.lat) | (spread(cell.lon) << 1n);
}

/** The cell of an interleaved value at `step` bits per coordinate. */
export function cellOfBits(bits: bigint, step: number): GeoCell {
  const low = Number(bits & 0xffffffffn);
  const high = Number((bits >> 32n) & 0xffffffffn);
  const lat = (compact16(low) | (compact16(high) << 16)) >>> 0;
  const lon = (compact16(low >>> 1) | (compact16(high >>> 1) << 16)) >>> 0;
  return { lat, lon, step };
}

/**
 * The cell of a coordinate at `step` bits over the given ranges, or null outside them (Redis's geohashEncode).
 * The scaled offsets are truncated to 32-bit cell indexes, as the C conversion does.
 */
export function encode(
  lon: number,
  lat: number,
  step: number,
  lonRange = LONG_RANGE,
  latRange = LAT_RANGE,
): GeoCell | null {
  if (lon > LONG_MAX || lon < LONG_MIN || lat > LAT_MAX || lat < LAT_MIN) return null;
  if (lat < latRange.min || lat > latRange.max || lon < lonRange.min || lon > lonRange.max) return null;
  let latOffset = (lat - latRange.min) / (latRange.max - latRange.min);
  let lonOffset = (lon - lonRange.min) / (lonRange.max - lonRange.min);
  latOffset *= 2 ** step;
  lonOffset *= 2 ** step;
  return { lat: Math.trunc(latOffset) >>> 0, lon: Math.trunc(lonOffset) >>> 0, step };
}

/** A cell's interleaved bits left-aligned to 52 bits: the score a GEO member gets. */
export function align52(cell: GeoCell): bigint {
  return BigInt.asUintN(64, cellBits(cell) << BigInt(52 - cell.step * 2));
}

/** The area a cell covers (Redis's geohashDecode), with the same floating-point steps. */
export function decodeCell(cell: GeoCell, lonRange = LONG_RANGE, latRange = LAT_RANGE): GeoArea {
  const latScale = latRange.max - latRange.min;
  const lonScale = lonRange.max - lonRange.min;
  const cells = 2 ** cell.step;
  return {
    cell,
    latMin: latRange.min + (cell.lat / cells) * latScale,
    latMax: latRange.min + ((cell.lat + 1) / cells) * latScale,
    lonMin: lonRange.min + (cell.lon / cells) * lonScale,
    lonMax: lonRange.min + ((cell.lon + 1) / cells) * lonScale,
  };
}

/**
 * The score as Redis's `(uint64_t)` cast reads it on x86-64: truncated; from 2^63 on, 2^63 is taken off, converted
 * and added back, so 2^64 and above (and +inf) come out as 0; NaN and what is below -2^63 as 2^63; a negative value
 * as its two's complement.
 */
function scoreBits(score: number): bigint {
  if (Number.isNaN(score)) return 1n << 63n;
  if (score >= 2 ** 63) return score >= 2 ** 64 ? 0n : BigInt(Math.trunc(score));
  if (score < -(2 ** 63)) return 1n << 63n;
  return BigInt.asUintN(64, BigInt(Math.trunc(score)));
}

const SCORE_CELLS = 2 ** GEO_STEP_MAX;

/**
 * [longitude, latitude] of a member's score: the center of its 52-bit cell, clamped to the GEO range. Ordinary
 * scores (integers below 2^52) take a number-only path; anything else is read as C converts it.
 */
export function decodeScore(score: number): [number, number] {
  let lat: number;
  let lon: number;
  if (Number.isInteger(score) && score >= 0 && score < 2 ** 52) {
    const low = score % 2 ** 26;
    const high = (score - low) / 2 ** 26;
    // Bits 0-25 hold 13 bits of each coordinate, bits 26-51 the next 13.
    lat = (compact16(low) | (compact16(high) << 13)) >>> 0;
    lon = (compact16(low >>> 1) | (compact16(high >>> 1) << 13)) >>> 0;
  } else {
    const cell = cellOfBits(scoreBits(score), GEO_STEP_MAX);
    lat = cell.lat;
    lon = cell.lon;
  }
  const latScale = LAT_MAX - LAT_MIN;
  const lonScale = LONG_MAX - LONG_MIN;
  const latMin = LAT_MIN + (lat / SCORE_CELLS) * latScale;
  const latMax = LAT_MIN + ((lat + 1) / SCORE_CELLS) * latScale;
  const lonMin = LONG_MIN + (lon / SCORE_CELLS) * lonScale;
  const lonMax = LONG_MIN + ((lon + 1) / SCORE_CELLS) * lonScale;
  let x = (lonMin + lonMax) / 2;
  if (x > LONG_MAX) x = LONG_MAX;
  if (x < LONG_MIN) x = LONG_MIN;
  let y = (latMin + latMax) / 2;
  if (y > LAT_MAX) y = LAT_MAX;
  if (y < LAT_MIN) y = LAT_MIN;
  return [x, y];
}

/**
 * The cell `dLon` columns east and `dLat` rows north, wrapping around as Redis's bit arithmetic does. A coordinate
 * that does not move is kept as it is, even an index of 2^step (a point on the range's upper edge), as Redis keeps
 * its bits unmasked; one that moves is reduced modulo 2^step.
 */
function moved(cell: GeoCell, dLon: number, dLat: number): GeoCell {
  const size = 2 ** cell.step;
  const lat = dLat === 0 ? cell.lat : (cell.lat + dLat + size) % size;
  const lon = dLon === 0 ? cell.lon : (cell.lon + dLon + size) % size;
  return { lat, lon, step: cell.step };
}

/** The eight neighbours of a cell, in the order Redis searches them (after the cell itself). */
export function neighbours(cell: GeoCell): GeoCell[] {
  return [
    moved(cell, 0, 1), // north
    moved(cell, 0, -1), // south
    moved(cell, 1, 0), // east
    moved(cell, -1, 0), // west
    moved(cell, 1, 1), // north-east
    moved(cell, -1, 1), // north-west
    moved(cell, 1, -1), // south-east
    moved(cell, -1, -1), // south-west
  ];
}
