/**
 * Point-in-polygon for GeoJSON Polygon / MultiPolygon by ray casting, in plain lng/lat (grids are a few
 * hundred metres across: planar geometry is exact enough, and no boundary crosses the antimeridian).
 * A polygon's first ring is its outline, later rings are holes: inside = inside the outline and in no hole.
 */
import type { GeoJsonPolygonal, Position } from '../org/unit.js';

export interface BoundingBox {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

/** Even-odd ray cast towards +lng. Points exactly on an edge may fall either way (as in every ray cast). */
export function ringContains(ring: Position[], lng: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function polygonContains(rings: Position[][], lng: number, lat: number): boolean {
  const [outline, ...holes] = rings;
  if (!outline || !ringContains(outline, lng, lat)) return false;
  return !holes.some((hole) => ringContains(hole, lng, lat));
}

export function geometryContains(geometry: GeoJsonPolygonal, lng: number, lat: number): boolean {
  if (geometry.type === 'Polygon') return polygonContains(geometry.coordinates, lng, lat);
  return geometry.coordinates.some((polygon) => polygonContains(polygon, lng, lat));
}

export function boundingBox(geometry: GeoJsonPolygonal): BoundingBox {
  const box = { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity };
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) {
    for (const [lng, lat] of polygon[0] ?? []) {
      box.minLng = Math.min(box.minLng, lng!);
      box.maxLng = Math.max(box.maxLng, lng!);
      box.minLat = Math.min(box.minLat, lat!);
      box.maxLat = Math.max(box.maxLat, lat!);
    }
  }
  return box;
}

export function boxContains(box: BoundingBox, lng: number, lat: number): boolean {
  return lng >= box.minLng && lng <= box.maxLng && lat >= box.minLat && lat <= box.maxLat;
}
