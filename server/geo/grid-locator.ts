import type { OrgTree } from '../org/tree.js';
import type { Unit } from '../org/unit.js';
import { boundingBox, boxContains, geometryContains, type BoundingBox } from './point-in-polygon.js';

/**
 * Finds the grid whose boundary contains a point. Bounding boxes are cached per unit object: the org tree
 * replaces a unit's object on every change, so an edited boundary gets a fresh box without invalidation logic.
 */
export class GridLocator {
  private readonly boxes = new WeakMap<Unit, BoundingBox>();

  constructor(private readonly tree: OrgTree) {}

  /** The enabled grid under `withinPath` containing (lng, lat); the first in tree order when grids overlap. */
  locate(lng: number, lat: number, withinPath = '/'): Unit | undefined {
    for (const unit of this.tree.subtree(withinPath)) {
      if (unit.kind !== 'grid' || unit.disabled || !unit.boundary) continue;
      let box = this.boxes.get(unit);
      if (!box) this.boxes.set(unit, (box = boundingBox(unit.boundary)));
      if (boxContains(box, lng, lat) && geometryContains(unit.boundary, lng, lat)) return unit;
    }
    return undefined;
  }
}
