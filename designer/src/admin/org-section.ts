import { el, table } from './dom.js';
import { projectBoundaries } from './geo-projection.js';
import { UNIT_KIND_LABELS, type Section, type Unit } from './types.js';

const SVG = 'http://www.w3.org/2000/svg';

function tree(units: Unit[], parentId: string | null, onPick: (u: Unit) => void): HTMLUListElement {
  const visible = new Set(units.map((u) => u._id));
  // the roots of what the caller may see: units whose parent is not visible to them
  const level = units.filter((u) => (parentId === null ? u.parentId === null || !visible.has(u.parentId) : u.parentId === parentId));
  const ul = el('ul', { className: 'gz-tree' });
  for (const u of level) {
    const label = el('a', { href: '#', textContent: `${u.name}（${UNIT_KIND_LABELS[u.kind] ?? u.kind}）${u.disabled ? ' 已停用' : ''}`, dataset: { unit: u._id } });
    label.addEventListener('click', (e) => { e.preventDefault(); onPick(u); });
    const li = el('li', {}, label);
    if (units.some((x) => x.parentId === u._id)) li.append(tree(units, u._id, onPick));
    ul.append(li);
  }
  return ul;
}

/** The boundaries of the grids in `under`'s subtree, drawn as SVG (no map tiles). */
function gridMap(units: Unit[], under: Unit): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 480 320');
  svg.setAttribute('class', 'gz-map');
  svg.dataset.role = 'grid-map';
  const grids = units.filter((u) => u.boundary && u.path.startsWith(under.path));
  for (const p of projectBoundaries(grids.map((g) => ({ id: g._id, boundary: g.boundary! })), 480, 320)) {
    const shape = document.createElementNS(SVG, 'path');
    shape.setAttribute('d', p.path);
    shape.setAttribute('fill-rule', 'evenodd');
    shape.dataset.unit = p.id;
    const label = document.createElementNS(SVG, 'text');
    label.setAttribute('x', String(p.label.x));
    label.setAttribute('y', String(p.label.y));
    label.textContent = units.find((u) => u._id === p.id)?.name ?? p.id;
    svg.append(shape, label);
  }
  if (grids.length === 0) {
    const note = document.createElementNS(SVG, 'text');
    note.setAttribute('x', '20');
    note.setAttribute('y', '40');
    note.textContent = '此范围内没有带边界的网格';
    svg.append(note);
  }
  return svg;
}

export const orgSection: Section = {
  title: '组织与网格',
  async render(root, { units }) {
    const detail = el('div', { className: 'gz-org-detail' });
    const pick = (u: Unit) => {
      const children = units.filter((x) => x.parentId === u._id);
      detail.replaceChildren(
        el('h3', {}, `${u.name}（${u._id}）`),
        table([{ title: '下级单位', value: (c: Unit) => c.name }, { title: '类型', value: (c) => UNIT_KIND_LABELS[c.kind] ?? c.kind }, { title: '编号', value: (c) => c._id }], children),
        el('h3', {}, '网格边界'),
        gridMap(units, u),
      );
    };
    root.replaceChildren(el('div', { className: 'gz-org' }, el('div', { className: 'gz-org-tree' }, tree(units, null, pick)), detail));
    const first = units[0];
    if (first) pick(first);
  },
};
