/**
 * Variable scopes with Zeebe's rules: every element instance is a scope; reads see the nearest definition
 * up the flow-scope chain; merged (propagated) variables update the scope where they already exist, else are
 * created in the process instance (root) scope; local variables are set on the given scope only.
 */
import { evalFeel } from '../expression.js';
import type { Mapping } from '../model/types.js';
import type { EngineState } from '../state/state.js';
import type { ElementInstance } from '../state/types.js';
import type { RecordWriter } from './writer.js';

export class Variables {
  constructor(private readonly state: EngineState, private readonly writer: RecordWriter) {}

  /** All variables visible from `inst`, inner scopes shadowing outer ones, as one plain object. */
  context(inst: ElementInstance): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (let cur: ElementInstance | undefined = inst; cur; cur = cur.flowScopeKey ? this.state.instances.get(cur.flowScopeKey) : undefined) {
      if (!cur.vars) continue;
      for (const [k, v] of cur.vars) if (!(k in out)) out[k] = v;
    }
    return out;
  }

  setLocal(inst: ElementInstance, name: string, value: unknown): void {
    const exists = inst.vars?.has(name) ?? false;
    if (exists && inst.vars!.get(name) === value) return;
    this.writer.about(inst, 'VARIABLE', exists ? 'UPDATED' : 'CREATED', this.state.newKey(), { name, value, scopeKey: inst.key });
  }

  setLocalAll(inst: ElementInstance, vars: Record<string, unknown> | undefined): void {
    if (!vars) return;
    for (const name of Object.keys(vars)) this.setLocal(inst, name, vars[name]);
  }

  /** Propagation starting at `from`: update where defined, else create at the process instance root. */
  merge(from: ElementInstance, vars: Record<string, unknown> | undefined): void {
    if (!vars) return;
    for (const name of Object.keys(vars)) {
      let target: ElementInstance | undefined;
      let root = from;
      for (let cur: ElementInstance | undefined = from; cur; cur = cur.flowScopeKey ? this.state.instances.get(cur.flowScopeKey) : undefined) {
        root = cur;
        if (cur.vars?.has(name)) {
          target = cur;
          break;
        }
      }
      this.setLocal(target ?? root, name, vars[name]);
    }
  }

  /**
   * Evaluates mappings into one document (later mappings see earlier results, like Zeebe's combined
   * mapping context). Nested targets (`a.b`) update a copy of the visible value.
   */
  evaluateMappings(mappings: Mapping[], context: Record<string, unknown>, errorType: 'IO_MAPPING_ERROR', now: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const ctx = { ...context };
    for (const m of mappings) {
      const value = evalFeel(m.source, ctx, errorType, now);
      const path = m.target.split('.');
      const head = path[0]!;
      if (path.length === 1) {
        result[head] = value;
      } else {
        result[head] = setPath(head in result ? result[head] : ctx[head], path.slice(1), value);
      }
      ctx[head] = result[head];
    }
    return result;
  }
}

function setPath(base: unknown, path: string[], value: unknown): Record<string, unknown> {
  const obj: Record<string, unknown> = base && typeof base === 'object' && !Array.isArray(base) ? { ...(base as Record<string, unknown>) } : {};
  const [head, ...rest] = path;
  obj[head!] = rest.length ? setPath(obj[head!], rest, value) : value;
  return obj;
}
