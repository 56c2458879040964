/** Tiny DOM helpers for the admin tables (no framework: the pages are forms and tables). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & { dataset?: Record<string, string> } = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const { dataset, ...rest } = props;
  const node = Object.assign(document.createElement(tag), rest);
  if (dataset) Object.assign(node.dataset, dataset);
  node.append(...children);
  return node;
}

export type Column<T> = { title: string; value: (row: T) => Node | string };

export function table<T>(columns: Column<T>[], rows: T[], empty = '（无）'): HTMLTableElement {
  const head = el('tr', {}, ...columns.map((c) => el('th', {}, c.title)));
  const body = rows.length
    ? rows.map((r) => el('tr', {}, ...columns.map((c) => el('td', {}, c.value(r)))))
    : [el('tr', {}, el('td', { colSpan: columns.length }, empty))];
  return el('table', { className: 'gz-table' }, el('thead', {}, head), el('tbody', {}, ...body));
}

/** A section whose API is not served (yet): said plainly instead of showing made-up rows. */
export function unavailable(what: string, err: unknown): HTMLElement {
  return el('p', { className: 'gz-unavailable', dataset: { role: 'unavailable' } }, `${what}暂不可用（${(err as Error)?.message ?? err}）`);
}

export function input(placeholder: string, size = 12): HTMLInputElement {
  return el('input', { placeholder, size });
}

export function select(options: [string, string][]): HTMLSelectElement {
  const s = el('select');
  for (const [value, label] of options) s.append(new Option(label, value));
  return s;
}
