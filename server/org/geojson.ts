import type { GeoJsonPolygonal } from './unit.js';

/**
 * Validates a grid boundary: a GeoJSON Polygon or MultiPolygon (RFC 7946) whose linear rings have at least
 * four positions, are closed, and hold [longitude, latitude] within range. Returns the problems found.
 */
export function boundaryProblems(value: unknown): string[] {
  if (!value || typeof value !== 'object') return ['boundary must be a GeoJSON object'];
  const g = value as { type?: unknown; coordinates?: unknown };
  if (g.type === 'Polygon') return polygonProblems(g.coordinates, 'coordinates');
  if (g.type === 'MultiPolygon') {
    if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) return ['coordinates: a MultiPolygon needs at least one polygon'];
    return g.coordinates.flatMap((p, i) => polygonProblems(p, `coordinates[${i}]`));
  }
  return [`type must be Polygon or MultiPolygon, not ${JSON.stringify(g.type)}`];
}

function polygonProblems(rings: unknown, where: string): string[] {
  if (!Array.isArray(rings) || rings.length === 0) return [`${where}: a polygon needs at least one linear ring`];
  return rings.flatMap((ring, i) => ringProblems(ring, `${where}[${i}]`));
}

function ringProblems(ring: unknown, where: string): string[] {
  if (!Array.isArray(ring) || ring.length < 4) return [`${where}: a linear ring needs at least 4 positions`];
  const problems: string[] = [];
  ring.forEach((pos, i) => {
    if (!Array.isArray(pos) || pos.length < 2 || !pos.every((n) => typeof n === 'number' && Number.isFinite(n))) {
      problems.push(`${where}[${i}]: a position is [longitude, latitude]`);
    } else if (Math.abs(pos[0] as number) > 180 || Math.abs(pos[1] as number) > 90) {
      problems.push(`${where}[${i}]: longitude/latitude out of range`);
    }
  });
  if (problems.length === 0) {
    const first = ring[0] as number[];
    const last = ring[ring.length - 1] as number[];
    if (first[0] !== last[0] || first[1] !== last[1]) problems.push(`${where}: the ring is not closed (first and last positions differ)`);
  }
  return problems;
}

export function isPolygonal(value: unknown): value is GeoJsonPolygonal {
  return boundaryProblems(value).length === 0;
}
