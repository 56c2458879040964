/** The slice of a moddle element the rules read; moddle trees are dynamic, so properties are looked up by name. */
export interface ModdleNode {
  $type: string;
  id?: string;
  $parent?: ModdleNode;
  $instanceOf(type: string): boolean;
  $descriptor?: { properties: { name: string; type: string; isMany?: boolean; isReference?: boolean }[] };
  [key: string]: unknown;
}

export interface Reporter {
  report(id: string, message: string): void;
}

export type Rule = { check: (node: ModdleNode, reporter: Reporter) => void };

/** The zeebe:* extension element of a type on `node` (e.g. `zeebe:FormDefinition`), if present. */
export function extensionOf(node: ModdleNode, type: string): ModdleNode | undefined {
  const ext = node.extensionElements as { values?: ModdleNode[] } | undefined;
  return ext?.values?.find((v) => v.$instanceOf(type));
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The id of the nearest element that has one (extension elements and expressions have none) — where a problem is shown. */
export function ownerId(node: ModdleNode): string | undefined {
  for (let n: ModdleNode | undefined = node; n; n = n.$parent) if (n.id && !n.$type.startsWith('bpmndi:')) return n.id;
  return undefined;
}
