/**
 * The administrative tree (see ../../../shared DOMAIN.md): city → county/district → township/street →
 * village/community → grid, with departments under any level. Every unit is a Casbin domain named by its id.
 */
export const UNIT_KINDS = ['city', 'county', 'township', 'village', 'grid', 'department'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Chinese names of the kinds, for UI strings. */
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  city: '市',
  county: '县/区',
  township: '乡镇/街道',
  village: '村/社区',
  grid: '网格',
  department: '部门',
};

/** Which kinds a parent may hold. A grid may sit under a village/community or directly under a street. */
const ALLOWED_CHILDREN: Record<UnitKind, UnitKind[]> = {
  city: ['county', 'department'],
  county: ['township', 'department'],
  township: ['village', 'grid', 'department'],
  village: ['grid', 'department'],
  grid: [],
  department: ['department'],
};

export function mayContain(parent: UnitKind, child: UnitKind): boolean {
  return ALLOWED_CHILDREN[parent].includes(child);
}

/** Unit ids appear in materialised paths and Casbin rules: no slashes, commas or spaces. */
export const UNIT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export type Unit = {
  _id: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  /** Materialised ancestor path including the unit itself, e.g. `/city1/countyA/town3/`. */
  path: string;
  disabled: boolean;
  /** GeoJSON Polygon or MultiPolygon; grids only. */
  boundary?: GeoJsonPolygonal;
};

export type Position = number[];
export type GeoJsonPolygonal =
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

export function childPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? '/'}${id}/`;
}

/** True when `path` lies in the subtree rooted at `ancestorPath` (a unit is in its own subtree). */
export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}
