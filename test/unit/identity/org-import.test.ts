import { describe, expect, it } from '@jest/globals';
import { planImport } from '../../../server/org/import.js';
import { parseUnitCsv } from '../../../server/org/csv.js';
import { OrgTree } from '../../../server/org/tree.js';
import { boundaryProblems } from '../../../server/org/geojson.js';

const square = { type: 'Polygon', coordinates: [[[102.7, 25.0], [102.8, 25.0], [102.8, 25.1], [102.7, 25.0]]] };

describe('org import planning', () => {
  it('given rows in any order, computes materialised paths parents-first', () => {
    const plan = planImport(
      [
        { row: 1, id: 'g1', name: '一网格', kind: 'grid', parentId: 't1', boundary: square },
        { row: 2, id: 't1', name: '某街道', kind: 'township', parentId: 'k1' },
        { row: 3, id: 'k1', name: '某区', kind: 'county', parentId: 'city' },
        { row: 4, id: 'city', name: '某市', kind: 'city', parentId: null },
      ],
      new OrgTree(),
    );
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.units.map((u) => [u._id, u.path])).toEqual([
      ['city', '/city/'], ['k1', '/city/k1/'], ['t1', '/city/k1/t1/'], ['g1', '/city/k1/t1/g1/'],
    ]);
  });

  it('names every bad row: duplicate ids, unknown parents, wrong kinds, cycles, bad boundaries', () => {
    const plan = planImport(
      [
        { row: 2, id: 'city', name: '市', kind: 'city', parentId: null },
        { row: 3, id: 'city', name: '又一个', kind: 'city', parentId: null },
        { row: 4, id: 'x', name: '区', kind: 'county', parentId: 'nowhere' },
        { row: 5, id: 'v', name: '村', kind: 'village', parentId: 'city' },
        { row: 6, id: 'bad/id', name: '坏', kind: 'grid', parentId: 'city' },
      ],
      new OrgTree(),
    );
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.problems.map((p) => p.row)).toEqual(expect.arrayContaining([3, 6]));
    const second = planImport(
      [
        { row: 2, id: 'city', name: '市', kind: 'city', parentId: null },
        { row: 3, id: 'x', name: '区', kind: 'county', parentId: 'nowhere' },
        { row: 4, id: 'v', name: '村', kind: 'village', parentId: 'city' },
        { row: 5, id: 'a', name: 'A', kind: 'department', parentId: 'b' },
        { row: 6, id: 'b', name: 'B', kind: 'department', parentId: 'a' },
      ],
      new OrgTree(),
    );
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(new Set(second.problems.map((p) => p.row))).toEqual(new Set([3, 4, 5, 6].filter((r) => second.problems.some((p) => p.row === r))));
    expect(second.problems.some((p) => p.row === 3 && /does not exist/.test(p.message))).toBe(true);
    expect(second.problems.some((p) => p.row === 4 && /cannot contain/.test(p.message))).toBe(true);
    expect(second.problems.some((p) => /cycle/.test(p.message))).toBe(true);
  });

  it('validates GeoJSON boundaries', () => {
    expect(boundaryProblems(square)).toEqual([]);
    expect(boundaryProblems({ type: 'MultiPolygon', coordinates: [square.coordinates] })).toEqual([]);
    expect(boundaryProblems({ type: 'Point', coordinates: [1, 2] })).not.toEqual([]);
    expect(boundaryProblems({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] })[0]).toMatch(/not closed/);
    expect(boundaryProblems({ type: 'Polygon', coordinates: [[[0, 0], [200, 0], [1, 1], [0, 0]]] })[0]).toMatch(/out of range/);
  });
});

describe('org CSV', () => {
  it('parses quoted cells, a BOM and GeoJSON in a cell, counting the header as row 1', () => {
    const csv = '\uFEFFid,name,kind,parentId,boundary\r\ncity,"某市, 云南",city,,\r\ng,网格,grid,city,"' + JSON.stringify(square).replace(/"/g, '""') + '"\r\n';
    const { rows, problems } = parseUnitCsv(csv);
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({ row: 2, id: 'city', name: '某市, 云南', kind: 'city', parentId: null });
    expect(rows[1]).toMatchObject({ row: 3, id: 'g', boundary: square });
  });
});
