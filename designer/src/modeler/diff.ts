/**
 * The visual diff of a county's variant against its template: which flow elements were added, removed or changed,
 * computed by comparing the two moddle trees element by element (ids, types, names and every other property,
 * extension elements included). Pure: the overlay colouring lives in diff-markers.ts.
 */

interface Node {
  $type: string;
  id?: string;
  $descriptor?: { properties: { name: string; type: string; isMany?: boolean; isReference?: boolean; isAttr?: boolean }[] };
  [key: string]: unknown;
}

export type ElementChange = { id: string; type: string; name?: string; change: 'added' | 'removed' | 'changed'; properties?: string[] };

/** Children that are elements of their own in the diff (compared separately), or derived from other properties. */
const NOT_PART_OF_AN_ELEMENT = new Set(['flowElements', 'artifacts', 'laneSets', 'incoming', 'outgoing', 'di', 'lanes', 'documentation']);
const SIMPLE = new Set(['String', 'Boolean', 'Integer', 'Real']);

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && typeof (v as Node).$type === 'string';
}

/** A plain, comparable picture of one element's own properties (references become ids). */
function signature(node: Node): Record<string, unknown> {
  const out: Record<string, unknown> = { $type: node.$type };
  for (const p of node.$descriptor?.properties ?? []) {
    if (NOT_PART_OF_AN_ELEMENT.has(p.name) || p.name === 'id') continue;
    const v = node[p.name];
    if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) continue;
    if (p.isReference) out[p.name] = Array.isArray(v) ? v.map((r) => (isNode(r) ? r.id : r)) : isNode(v) ? v.id : v;
    else if (SIMPLE.has(p.type) || !isNode(Array.isArray(v) ? v[0] : v)) out[p.name] = v;
    else out[p.name] = Array.isArray(v) ? v.map((c) => signature(c as Node)) : signature(v as Node);
  }
  // generic extension values (unknown namespaces) carry their attributes in $attrs
  const attrs = node.$attrs as Record<string, unknown> | undefined;
  if (attrs && Object.keys(attrs).length > 0) out.$attrs = attrs;
  return out;
}

/** Every flow element (and process, lane, participant) of a definitions tree, by id. */
export function elementsById(definitions: unknown): Map<string, Node> {
  const found = new Map<string, Node>();
  const visit = (n: Node): void => {
    if (n.id && n.$type !== 'bpmn:Definitions' && !n.$type.startsWith('bpmndi:')) found.set(n.id, n);
    for (const key of ['rootElements', 'flowElements', 'artifacts', 'laneSets', 'lanes', 'participants']) {
      const children = n[key];
      if (Array.isArray(children)) for (const c of children) if (isNode(c)) visit(c);
    }
  };
  if (isNode(definitions)) visit(definitions);
  return found;
}

/**
 * Added, removed and changed elements of `variant` compared with `template`, ordered by id. `aliases` maps a
 * variant id to the template id it stands for (a derived process gets its own process id).
 */
export function diffDefinitions(template: unknown, variant: unknown, aliases: Record<string, string> = {}): ElementChange[] {
  const before = elementsById(template);
  const after = new Map([...elementsById(variant)].map(([id, n]) => [aliases[id] ?? id, n] as const));
  const changes: ElementChange[] = [];
  const describe = (n: Node) => ({ id: n.id!, type: n.$type, ...(typeof n.name === 'string' ? { name: n.name } : {}) });
  for (const [id, n] of after) {
    const old = before.get(id);
    if (!old) {
      changes.push({ ...describe(n), change: 'added' });
      continue;
    }
    const a = signature(old);
    const b = signature(n);
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    const properties = keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
    if (properties.length > 0) changes.push({ ...describe(n), change: 'changed', properties });
  }
  for (const [id, n] of before) if (!after.has(id)) changes.push({ ...describe(n), change: 'removed' });
  return changes.sort((x, y) => x.id.localeCompare(y.id));
}
