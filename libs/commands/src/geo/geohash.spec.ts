import { fixed4, humanDouble } from './geo-format';
import { align52, decodeScore, encode, GEO_STEP_MAX, LAT_MAX, neighbours, type GeoCell } from './geohash';
import { distance, searchCells } from './geo-shape';

describe('geohash', () => {
  it('encodes a point to the 52-bit score Redis gives it and decodes it back to its cell centre', () => {
    const cell = encode(13.361389, 38.115556, GEO_STEP_MAX) as GeoCell;
    expect(align52(cell)).toBe(3479099956230698n);
    const [lon, lat] = decodeScore(3479099956230698);
    expect(humanDouble(lon)).toBe('13.36138933897018433');
    expect(humanDouble(lat)).toBe('38.11555639549629859');
  });

  it('refuses points outside the Mercator range and keeps the upper edge as index 2^step', () => {
    expect(encode(0, 86, GEO_STEP_MAX)).toBeNull();
    expect(encode(181, 0, GEO_STEP_MAX)).toBeNull();
    const edge = encode(180, LAT_MAX, 4) as GeoCell;
    expect(edge).toEqual({ lat: 16, lon: 16, step: 4 });
    // A neighbour that moves only east keeps the overflowing latitude; one that moves north wraps it.
    const [north, , east] = neighbours(edge);
    expect(north).toEqual({ lat: 1, lon: 16, step: 4 });
    expect(east).toEqual({ lat: 16, lon: 1, step: 4 });
  });

  it('wraps neighbours around the map at the edges', () => {
    const corner: GeoCell = { lat: 0, lon: 0, step: 3 };
    const [north, south, east, west] = neighbours(corner);
    expect([north, south, east, west]).toEqual([
      { lat: 1, lon: 0, step: 3 },
      { lat: 7, lon: 0, step: 3 },
      { lat: 0, lon: 1, step: 3 },
      { lat: 0, lon: 7, step: 3 },
    ]);
  });

  it('measures great-circle distances and scans nine cells around a small circle, fewer where they cannot match', () => {
    // Between the stored cell centres of Palermo and Catania: GEODIST's answer on redis-server 7.0.15.
    const [lon1, lat1] = decodeScore(Number(align52(encode(13.361389, 38.115556, GEO_STEP_MAX) as GeoCell)));
    const [lon2, lat2] = decodeScore(Number(align52(encode(15.087269, 37.502669, GEO_STEP_MAX) as GeoCell)));
    expect(fixed4(distance(lon1, lat1, lon2, lat2))).toBe('166274.1516');
    const cells = searchCells({ kind: 'circle', lon: 15, lat: 37, radius: 200, conversion: 1000 });
    expect(cells).toHaveLength(9);
    expect(cells.filter((c) => c.step !== 0).length).toBeGreaterThanOrEqual(4);
  });

  it('formats distances as fixedpoint_d2string and coordinates as a trimmed %.17Lf', () => {
    expect(fixed4(0)).toBe('0.0000');
    expect(fixed4(0.00004)).toBe('0.0000');
    expect(fixed4(1.23456)).toBe('1.2346');
    // Scaled by 10^4 in binary, then llrint: ties go to even, and 0.00015 scales to just under 1.5.
    expect(fixed4(1.03125)).toBe('1.0312');
    expect(fixed4(1.03135)).toBe('1.0314');
    expect(fixed4(0.00015)).toBe('0.0001');
    expect(humanDouble(180)).toBe('180');
    expect(humanDouble(-0.5)).toBe('-0.5');
  });
});
