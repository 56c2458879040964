/** Graph reachability inside one process model (inclusive joins wait for tokens that can still arrive). */
import type { ProcessModel } from '../model/types.js';

const cache = new WeakMap<ProcessModel, Map<string, Set<string>>>();

/** true when `to` can be reached from `from` along sequence flows (boundary events of visited activities included). */
export function canReach(model: ProcessModel, from: string, to: string): boolean {
  let perModel = cache.get(model);
  if (!perModel) cache.set(model, (perModel = new Map()));
  let reachable = perModel.get(from);
  if (!reachable) {
    reachable = new Set();
    const stack = [from];
    while (stack.length) {
      const el = model.elements.get(stack.pop()!);
      if (!el) continue;
      const next = [...el.outgoing.map((f) => f.targetId), ...(el.boundaryIds ?? [])];
      for (const id of next) {
        if (reachable.has(id)) continue;
        reachable.add(id);
        stack.push(id);
      }
    }
    perModel.set(from, reachable);
  }
  return reachable.has(to);
}
