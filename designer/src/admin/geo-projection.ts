/**
 * Grid boundaries as SVG without map tiles (no internet in the field offices): GeoJSON polygons projected
 * equirectangularly with the longitude scaled by cos(latitude) at the centre — true shapes at grid and county
 * scale — and fitted into the view box with a margin, north up.
 */
export type Position = number[];
export type Polygonal = { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };
export type Projected = { id: string; path: string; label: { x: number; y: number } };

function rings(g: Polygonal): Position[][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

/** SVG paths (one per shape, holes included, even-odd) fitted into `width` × `height`. */
export function projectBoundaries(shapes: { id: string; boundary: Polygonal }[], width: number, height: number, margin = 10): Projected[] {
  const all = shapes.flatMap((s) => rings(s.boundary).flat()).filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
  if (all.length === 0) return [];
  const lngs = all.map((p) => p[0]!);
  const lats = all.map((p) => p[1]!);
  const [minLng, maxLng, minLat, maxLat] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLng - minLng) * k, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const scale = Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY);
  const offsetX = (width - spanX * scale) / 2;
  const offsetY = (height - spanY * scale) / 2;
  const x = (lng: number) => offsetX + (lng - minLng) * k * scale;
  const y = (lat: number) => offsetY + (maxLat - lat) * scale;
  const fmt = (n: number) => Math.round(n * 10) / 10;
  return shapes.map((s) => {
    const rs = rings(s.boundary);
    const path = rs.map((r) => r.map((p, i) => `${i === 0 ? 'M' : 'L'}${fmt(x(p[0]!))},${fmt(y(p[1]!))}`).join('') + 'Z').join('');
    const outer = rs[0] ?? [];
    const cx = outer.reduce((sum, p) => sum + x(p[0]!), 0) / Math.max(outer.length, 1);
    const cy = outer.reduce((sum, p) => sum + y(p[1]!), 0) / Math.max(outer.length, 1);
    return { id: s.id, path, label: { x: fmt(cx), y: fmt(cy) } };
  });
}
