import { describe, expect, it } from '@jest/globals';
import { boundingBox, geometryContains, ringContains } from '../../../server/geo/point-in-polygon.js';
import { GridLocator } from '../../../server/geo/grid-locator.js';
import { OrgTree } from '../../../server/org/tree.js';
import type { GeoJsonPolygonal } from '../../../server/org/unit.js';
import { sniffType } from '../../../server/attachments/sniff.js';
import { phoneMatches } from '../../../server/cases/citizen.js';
import { maskPhone } from '../../../server/cases/case.js';

const square = (x0: number, y0: number, x1: number, y1: number) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];

describe('point in polygon (ray casting)', () => {
  // an L shape: concave, so a bounding-box test alone would be wrong at (2.5, 2.5)
  const L = [[0, 0], [3, 0], [3, 1], [1, 1], [1, 3], [0, 3], [0, 0]];
  it('decides inside/outside of a concave ring', () => {
    expect(ringContains(L, 0.5, 2.5)).toBe(true);
    expect(ringContains(L, 2.5, 0.5)).toBe(true);
    expect(ringContains(L, 2.5, 2.5)).toBe(false);
    expect(ringContains(L, -1, 0.5)).toBe(false);
  });

  it('treats later rings as holes, and a MultiPolygon as the union of its polygons', () => {
    const withHole: GeoJsonPolygonal = { type: 'Polygon', coordinates: [square(0, 0, 10, 10), square(4, 4, 6, 6)] };
    expect(geometryContains(withHole, 1, 1)).toBe(true);
    expect(geometryContains(withHole, 5, 5)).toBe(false);
    const multi: GeoJsonPolygonal = { type: 'MultiPolygon', coordinates: [[square(0, 0, 1, 1)], [square(5, 5, 6, 6), square(5.4, 5.4, 5.6, 5.6)]] };
    expect(geometryContains(multi, 0.5, 0.5)).toBe(true);
    expect(geometryContains(multi, 5.2, 5.2)).toBe(true);
    expect(geometryContains(multi, 5.5, 5.5)).toBe(false);
    expect(geometryContains(multi, 3, 3)).toBe(false);
    expect(boundingBox(multi)).toEqual({ minLng: 0, minLat: 0, maxLng: 6, maxLat: 6 });
  });

  it('locates the grid of a point within a subtree only, and follows an edited boundary', () => {
    const tree = new OrgTree();
    const grid = (id: string, parent: string, boundary: GeoJsonPolygonal) => ({ _id: id, name: id, kind: 'grid' as const, parentId: parent, path: `/c/${parent}/${id}/`, disabled: false, boundary });
    tree.replaceAll([
      { _id: 'c', name: 'c', kind: 'city', parentId: null, path: '/c/', disabled: false },
      grid('g1', 't1', { type: 'Polygon', coordinates: [square(0, 0, 1, 1)] }),
      grid('g2', 't2', { type: 'Polygon', coordinates: [square(2, 2, 3, 3)] }),
    ]);
    const locator = new GridLocator(tree);
    expect(locator.locate(0.5, 0.5)?._id).toBe('g1');
    expect(locator.locate(2.5, 2.5, '/c/t1/')).toBeUndefined();
    expect(locator.locate(9, 9)).toBeUndefined();
    tree.put(grid('g1', 't1', { type: 'Polygon', coordinates: [square(8, 8, 10, 10)] }));
    expect(locator.locate(9, 9)?._id).toBe('g1');
    expect(locator.locate(0.5, 0.5)).toBeUndefined();
  });
});

describe('attachment type sniffing', () => {
  it('knows the allowed types by their bytes and nothing else', () => {
    expect(sniffType(Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0, 0]))?.mime).toBe('image/jpeg');
    expect(sniffType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))?.mime).toBe('image/png');
    expect(sniffType(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))?.mime).toBe('image/webp');
    expect(sniffType(Buffer.from('%PDF-1.7\n'))?.image).toBe(false);
    expect(sniffType(Buffer.from('MZ\x90\0'))).toBeUndefined();
    expect(sniffType(Buffer.from('<script>alert(1)</script>'))).toBeUndefined();
    expect(sniffType(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toBeUndefined(); // a plain zip
  });
});

describe('citizen phone check and masking', () => {
  it('accepts the full number or its last four digits only', () => {
    expect(phoneMatches('13812345678', '13812345678')).toBe(true);
    expect(phoneMatches('13812345678', '5678')).toBe(true);
    expect(phoneMatches('13812345678', '1234')).toBe(false);
    expect(phoneMatches('13812345678', '1381234567')).toBe(false);
    expect(phoneMatches(undefined, '5678')).toBe(false);
    expect(phoneMatches('', '')).toBe(false);
  });
  it('masks the middle of a phone', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('12345')).toBe('*****');
  });
});
