/**
 * Reading and writing a user task's zeebe:* extension elements and task headers through bpmn-js commands, so
 * every edit of the Gongzhi panel is undoable and marks the diagram changed like the built-in panels do.
 */
export interface ModdleElement {
  $type: string;
  $instanceOf(type: string): boolean;
  get(name: string): unknown;
  [key: string]: unknown;
}
export interface DiagramElement {
  id: string;
  businessObject: ModdleElement;
}
export interface Modeling {
  updateModdleProperties(element: DiagramElement, target: ModdleElement, props: Record<string, unknown>): void;
}
export interface BpmnFactory {
  create(type: string, props?: Record<string, unknown>): ModdleElement;
}

export type Editor = { modeling: Modeling; bpmnFactory: BpmnFactory };

export function extension(element: DiagramElement, type: string): ModdleElement | undefined {
  const ext = element.businessObject.get('extensionElements') as ModdleElement | undefined;
  return (ext?.get('values') as ModdleElement[] | undefined)?.find((v) => v.$instanceOf(type));
}

/** The extension element of `type`, created (with the extensionElements container) when missing. */
export function ensureExtension(editor: Editor, element: DiagramElement, type: string): ModdleElement {
  const existing = extension(element, type);
  if (existing) return existing;
  const bo = element.businessObject;
  let ext = bo.get('extensionElements') as ModdleElement | undefined;
  if (!ext) {
    ext = editor.bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
    editor.modeling.updateModdleProperties(element, bo, { extensionElements: ext });
  }
  const created = editor.bpmnFactory.create(type, {});
  editor.modeling.updateModdleProperties(element, ext, { values: [...((ext.get('values') as ModdleElement[]) ?? []), created] });
  return created;
}

export function setExtensionProperty(editor: Editor, element: DiagramElement, type: string, name: string, value: string | undefined): void {
  const target = ensureExtension(editor, element, type);
  editor.modeling.updateModdleProperties(element, target, { [name]: value === '' ? undefined : value });
}

export function header(element: DiagramElement, key: string): string | undefined {
  const headers = extension(element, 'zeebe:TaskHeaders');
  const found = (headers?.get('values') as ModdleElement[] | undefined)?.find((h) => h.get('key') === key);
  return found ? String(found.get('value') ?? '') : undefined;
}

/** Sets (or with `undefined` removes) one task header. */
export function setHeader(editor: Editor, element: DiagramElement, key: string, value: string | undefined): void {
  const headers = value === undefined ? extension(element, 'zeebe:TaskHeaders') : ensureExtension(editor, element, 'zeebe:TaskHeaders');
  if (!headers) return;
  const values = (headers.get('values') as ModdleElement[] | undefined) ?? [];
  const found = values.find((h) => h.get('key') === key);
  if (value === undefined) {
    if (found) editor.modeling.updateModdleProperties(element, headers, { values: values.filter((h) => h !== found) });
  } else if (found) editor.modeling.updateModdleProperties(element, found, { value });
  else editor.modeling.updateModdleProperties(element, headers, { values: [...values, editor.bpmnFactory.create('zeebe:Header', { key, value })] });
}

/** The task headers the designer writes, as the server's task projector reads them (server/tasks/form-binding.ts). */
export const GONGZHI_HEADERS = {
  /** The step's time limit as JSON `{ amount, clock, warnAt }` (the time-limit table's rule shape). */
  timeLimit: 'timeLimit',
  prefillMapping: 'mappingPrefill',
  submitMapping: 'mappingOut',
} as const;

/** A form key with its version binding: `intake-form` = newest published version, `intake-form@3` = pinned. */
export function splitFormKey(raw: string): { formKey: string; version: number | null } {
  const m = /^(.+)@(\d+)$/.exec(raw);
  return m ? { formKey: m[1]!, version: Number(m[2]) } : { formKey: raw, version: null };
}
