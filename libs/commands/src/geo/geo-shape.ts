import { GEO_STEP_MAX, decodeCell, encode, neighbours, type GeoArea, type GeoCell } from './geohash';
import { roundedAsin, roundedCos, roundedSin } from './rounded-trig';

/** Redis's constants: degrees to radians, and the Earth's quadratic mean radius for WGS-84, in metres. */
const D_R = Math.PI / 180;
const EARTH_RADIUS_IN_METERS = 6372797.560856;
const MERCATOR_MAX = 20037726.37;

const degRad = (ang: number): number => ang * D_R;
const radDeg = (ang: number): number => ang / D_R;

/** A search area around a centre: a circle of `radius`, or a `width` × `height` box, in the unit of `conversion`. */
export type GeoShape =
  | {
      readonly kind: 'circle';
      readonly lon: number;
      readonly lat: number;
      readonly radius: number;
      readonly conversion: number;
    }
  | {
      readonly kind: 'box';
      readonly lon: number;
      readonly lat: number;
      readonly width: number;
      readonly height: number;
      readonly conversion: number;
    };

/** Distance along a meridian between two latitudes, in metres. */
export function latDistance(lat1: number, lat2: number): number {
  return EARTH_RADIUS_IN_METERS * Math.abs(degRad(lat2) - degRad(lat1));
}

/** The trigonometric functions a distance is computed with. */
export interface Trig {
  sin(x: number): number;
  cos(x: number): number;
  asin(x: number): number;
}

/**
 * V8's: within an ulp of glibc's, which Redis uses, and fast. Replies show distances to 4 decimals, where the
 * last bit does not show.
 */
const V8_TRIG: Trig = { sin: Math.sin, cos: Math.cos, asin: Math.asin };

/** Rounded to nearest, as glibc's nearly always are: for distances seen to the last bit (STOREDIST's scores). */
export const ROUNDED_TRIG: Trig = { sin: roundedSin, cos: roundedCos, asin: roundedAsin };

/** Great-circle distance in metres (haversine), with Redis's shortcut when the longitudes agree. */
export function distance(lon1: number, lat1: number, lon2: number, lat2: number, trig = V8_TRIG): number {
  const lon1r = degRad(lon1);
  const lon2r = degRad(lon2);
  const v = trig.sin((lon2r - lon1r) / 2);
  if (v === 0) return latDistance(lat1, lat2);
  const lat1r = degRad(lat1);
  const lat2r = degRad(lat2);
  const u = trig.sin((lat2r - lat1r) / 2);
  const a = u * u + trig.cos(lat1r) * trig.cos(lat2r) * v * v;
  return 2.0 * EARTH_RADIUS_IN_METERS * trig.asin(Math.sqrt(a));
}

/** Bits per coordinate of cells big enough that the centre's cell and its neighbours cover `rangeMeters`. */
function stepsForRadius(rangeMeters: number, lat: number): number {
  if (rangeMeters === 0) return GEO_STEP_MAX;
  let step = 1;
  while (rangeMeters < MERCATOR_MAX) {
    rangeMeters *= 2;
    step++;
  }
  step -= 2;
  // Cells are narrower towards the poles.
  if (lat > 66 || lat < -66) {
    step--;
    if (lat > 80 || lat < -80) step--;
  }
  return Math.min(GEO_STEP_MAX, Math.max(1, step));
}

/** [minLon, minLat, maxLon, maxLat] around the shape's centre. */
function boundingBox(shape: GeoShape): [number, number, number, number] {
  const half = shape.kind === 'circle' ? [shape.radius, shape.radius] : [shape.width / 2, shape.height / 2];
  const width = shape.conversion * half[0];
  const height = shape.conversion * half[1];
  const latDelta = radDeg(height / EARTH_RADIUS_IN_METERS);
  const lonDeltaTop = radDeg(width / EARTH_RADIUS_IN_METERS / Math.cos(degRad(shape.lat + latDelta)));
  const lonDeltaBottom = radDeg(width / EARTH_RADIUS_IN_METERS / Math.cos(degRad(shape.lat - latDelta)));
  // The wider edge is the one nearer the equator.
  const lonDelta = shape.lat < 0 ? lonDeltaBottom : lonDeltaTop;
  return [shape.lon - lonDelta, shape.lat - latDelta, shape.lon + lonDelta, shape.lat + latDelta];
}

const LEFT_OUT: GeoCell = { lat: 0, lon: 0, step: 0 };

/**
 * The cells to scan for a shape, in Redis's order: the centre's cell, then north, south, east, west, north-east,
 * north-west, south-east and south-west, with the ones that cannot hold a match left out (step 0). Redis 7.0's
 * geohashCalculateAreasByShapeWGS84, step for step.
 */
export function searchCells(shape: GeoShape): GeoCell[] {
  const [minLon, minLat, maxLon, maxLat] = boundingBox(shape);
  const radiusMeters =
    (shape.kind === 'circle'
      ? shape.radius
      : Math.sqrt((shape.width / 2) * (shape.width / 2) + (shape.height / 2) * (shape.height / 2))) *
    shape.conversion;
  let steps = stepsForRadius(radiusMeters, shape.lat);
  let centre = encode(shape.lon, shape.lat, steps) as GeoCell;
  let around = neighbours(centre);
  // North, south, east and west must reach past the bounding box, or the cells are one step too small.
  const [north, south, east, west] = around.slice(0, 4).map((c) => decodeCell(c));
  const tooSmall =
    north.latMax < maxLat || south.latMin > minLat || east.lonMax < maxLon || west.lonMin > minLon;
  if (steps > 1 && tooSmall) {
    steps--;
    centre = encode(shape.lon, shape.lat, steps) as GeoCell;
    around = neighbours(centre);
  }
  const area: GeoArea = decodeCell(centre);
  const cells = [centre, ...around];
  if (steps >= 2) {
    const drop = (...indexes: number[]): void => {
      for (const i of indexes) cells[i] = LEFT_OUT;
    };
    if (area.latMin < minLat) drop(2, 8, 7); // south, south-west, south-east
    if (area.latMax > maxLat) drop(1, 5, 6); // north, north-east, north-west
    if (area.lonMin < minLon) drop(4, 8, 6); // west, south-west, north-west
    if (area.lonMax > maxLon) drop(3, 7, 5); // east, south-east, north-east
  }
  return cells;
}

/**
 * Whether a point is in the shape, and its distance from the centre in metres (a box checks the latitude and
 * longitude spans first, as Redis does), or -1 when it is outside.
 */
export function distanceIfWithin(shape: GeoShape, lon: number, lat: number): number {
  if (shape.kind === 'circle') {
    const d = distance(shape.lon, shape.lat, lon, lat);
    return d > shape.radius * shape.conversion ? -1 : d;
  }
  const widthM = shape.width * shape.conversion;
  const heightM = shape.height * shape.conversion;
  if (latDistance(lat, shape.lat) > heightM / 2) return -1;
  if (distance(lon, lat, shape.lon, lat) > widthM / 2) return -1;
  return distance(shape.lon, shape.lat, lon, lat);
}
