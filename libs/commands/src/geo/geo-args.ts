import { parseDouble } from '../args';
import type { Client } from '../client';
import { Err } from '../errors';
import { cFixed6 } from './geo-format';
import { LAT_MAX, LAT_MIN, LONG_MAX, LONG_MIN } from './geohash';

/** [longitude, latitude] from argv[at] and argv[at + 1], or null once the error was replied. */
export function parseLonLat(client: Client, argv: string[], at: number): [number, number] | null {
  const lon = parseDouble(argv[at]);
  const lat = lon === null ? null : parseDouble(argv[at + 1]);
  if (lon === null || lat === null) {
    client.reply.error(Err.notFloat);
    return null;
  }
  if (lon < LONG_MIN || lon > LONG_MAX || lat < LAT_MIN || lat > LAT_MAX) {
    client.reply.error(`ERR invalid longitude,latitude pair ${cFixed6(lon)},${cFixed6(lat)}`);
    return null;
  }
  return [lon, lat];
}

/** Metres per unit (m, km, ft, mi in any case), or -1 once the error was replied. */
export function parseUnit(client: Client, unit: string): number {
  switch (unit.toLowerCase()) {
    case 'm':
      return 1;
    case 'km':
      return 1000;
    case 'ft':
      return 0.3048;
    case 'mi':
      return 1609.34;
    default:
      client.reply.error('ERR unsupported unit provided. please use M, KM, FT, MI');
      return -1;
  }
}

/** `<radius> <unit>` at argv[at]: [radius, metres per unit], or null once the error was replied. */
export function parseRadius(client: Client, argv: string[], at: number): [number, number] | null {
  const radius = parseDouble(argv[at]);
  if (radius === null) {
    client.reply.error('ERR need numeric radius');
    return null;
  }
  if (radius < 0) {
    client.reply.error('ERR radius cannot be negative');
    return null;
  }
  const conversion = parseUnit(client, argv[at + 1]);
  return conversion < 0 ? null : [radius, conversion];
}

/** `<width> <height> <unit>` at argv[at]: [width, height, metres per unit], or null once the error was replied. */
export function parseBox(client: Client, argv: string[], at: number): [number, number, number] | null {
  const width = parseDouble(argv[at]);
  if (width === null) {
    client.reply.error('ERR need numeric width');
    return null;
  }
  const height = parseDouble(argv[at + 1]);
  if (height === null) {
    client.reply.error('ERR need numeric height');
    return null;
  }
  if (height < 0 || width < 0) {
    client.reply.error('ERR height or width cannot be negative');
    return null;
  }
  const conversion = parseUnit(client, argv[at + 2]);
  return conversion < 0 ? null : [width, height, conversion];
}
