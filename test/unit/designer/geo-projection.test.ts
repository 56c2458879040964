import { describe, expect, it } from '@jest/globals';
import { projectBoundaries } from '../../../designer/src/admin/geo-projection.js';

const square = (lng: number, lat: number, d: number) => ({ type: 'Polygon' as const, coordinates: [[[lng, lat], [lng + d, lat], [lng + d, lat + d], [lng, lat + d], [lng, lat]]] });

describe('grid boundary projection for the admin map', () => {
  it('given two grids side by side, when projected, then both fit the view box, north up, west left', () => {
    const [west, east] = projectBoundaries([{ id: 'w', boundary: square(116.3, 39.9, 0.01) }, { id: 'e', boundary: square(116.31, 39.9, 0.01) }], 400, 200, 10);
    const xs = (path: string) => [...path.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    for (const [x, y] of [...xs(west!.path), ...xs(east!.path)]) {
      expect(x).toBeGreaterThanOrEqual(10 - 0.1);
      expect(x).toBeLessThanOrEqual(390 + 0.1);
      expect(y).toBeGreaterThanOrEqual(10 - 0.1);
      expect(y).toBeLessThanOrEqual(190 + 0.1);
    }
    expect(west!.label.x).toBeLessThan(east!.label.x);
    // the first corner is the south-west one: at the bottom of the box
    expect(xs(west!.path)[0]![1]).toBeCloseTo(190, 0);
  });

  it('given a square grid at 40°N, when projected, then it is narrower than tall by cos(latitude), not stretched', () => {
    const [p] = projectBoundaries([{ id: 'g', boundary: square(116, 40, 0.02) }], 1000, 1000, 0);
    const pts = [...p!.path.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const w = Math.max(...pts.map((q) => q[0]!)) - Math.min(...pts.map((q) => q[0]!));
    const h = Math.max(...pts.map((q) => q[1]!)) - Math.min(...pts.map((q) => q[1]!));
    expect(w / h).toBeCloseTo(Math.cos((40.01 * Math.PI) / 180), 2);
  });

  it('given a multipolygon with a hole, when projected, then every ring becomes a closed sub-path', () => {
    const boundary = { type: 'MultiPolygon' as const, coordinates: [square(0, 0, 2).coordinates.map((r) => r), [[[5, 5], [6, 5], [6, 6], [5, 5]]]] };
    const [p] = projectBoundaries([{ id: 'm', boundary }], 100, 100);
    expect(p!.path.match(/Z/g)).toHaveLength(2);
    expect(projectBoundaries([], 100, 100)).toEqual([]);
  });
});
