/**
 * A minimal view of Form.io component JSON and a walker over it that knows which components own data (inputs),
 * which nest data (container → object, datagrid/editgrid → array of rows) and which are layout only.
 */
export interface FormComponent {
  type?: string;
  key?: string;
  label?: string;
  input?: boolean;
  components?: FormComponent[];
  columns?: { components?: FormComponent[] }[];
  rows?: { components?: FormComponent[] }[][];
  [setting: string]: unknown;
}

export interface FormDefinition {
  components: FormComponent[];
  [setting: string]: unknown;
}

/** Components that hold one object of child values under their key. */
export const OBJECT_TYPES = new Set(['container']);
/** Components that hold an array of rows (objects of child values) under their key. */
export const ARRAY_TYPES = new Set(['datagrid', 'editgrid']);
/** Layout components: their children write into the parent's data. */
export const LAYOUT_TYPES = new Set(['panel', 'columns', 'fieldset', 'well', 'table', 'tabs', 'htmlelement', 'content']);

/** Direct child components of a component, across the several places Form.io keeps them. */
export function childrenOf(component: FormComponent): FormComponent[] {
  const out: FormComponent[] = [...(component.components ?? [])];
  for (const column of component.columns ?? []) out.push(...(column.components ?? []));
  for (const row of component.rows ?? []) for (const cell of row) out.push(...(cell.components ?? []));
  return out;
}

/** Visits every component with its data scope id (`''` for the root, `members[]` inside a data grid). */
export function eachComponent(
  components: FormComponent[],
  visit: (component: FormComponent, scope: string) => void,
  scope = '',
): void {
  for (const component of components) {
    visit(component, scope);
    const type = component.type ?? '';
    const inner = OBJECT_TYPES.has(type)
      ? `${scope}${component.key}.`
      : ARRAY_TYPES.has(type)
        ? `${scope}${component.key}[].`
        : scope;
    eachComponent(childrenOf(component), visit, inner);
  }
}

type DataRecord = Record<string, unknown>;
const isRecord = (value: unknown): value is DataRecord =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Visits every data-holding leaf or nested component together with the object that holds its value and the
 * value's path as Form.io writes it (`members[1].name`).
 */
export function eachValue(
  components: FormComponent[],
  data: DataRecord,
  visit: (component: FormComponent, holder: DataRecord, path: string) => void,
  prefix = '',
): void {
  for (const component of components) {
    const type = component.type ?? '';
    const key = component.key;
    if (LAYOUT_TYPES.has(type) || !key) {
      eachValue(childrenOf(component), data, visit, prefix);
      continue;
    }
    const path = `${prefix}${key}`;
    visit(component, data, path);
    const value = data[key];
    if (OBJECT_TYPES.has(type) && isRecord(value)) {
      eachValue(childrenOf(component), value, visit, `${path}.`);
    } else if (ARRAY_TYPES.has(type) && Array.isArray(value)) {
      value.forEach((row, index) => {
        if (isRecord(row)) eachValue(childrenOf(component), row, visit, `${path}[${index}].`);
      });
    }
  }
}
