/**
 * A derived variant remembers its template inside the BPMN (process-level `zeebe:properties`, which both engines
 * ignore), so reopening the deployed variant later shows its diff against the template again.
 */
import { ensureExtension, extension, type DiagramElement, type Editor, type ModdleElement } from './zeebe-extensions.js';

const TEMPLATE_REF = 'gongzhi:template';
const TEMPLATE_PROCESS = 'gongzhi:templateProcessId';

export type TemplateLink = { ref: string; processId: string };

function properties(root: DiagramElement): ModdleElement[] {
  return (extension(root, 'zeebe:Properties')?.get('properties') as ModdleElement[] | undefined) ?? [];
}

export function templateLinkOf(root: DiagramElement): TemplateLink | undefined {
  const value = (name: string) => properties(root).find((p) => p.get('name') === name)?.get('value');
  const ref = value(TEMPLATE_REF);
  const processId = value(TEMPLATE_PROCESS);
  return typeof ref === 'string' && typeof processId === 'string' ? { ref, processId } : undefined;
}

export function setTemplateLink(editor: Editor, root: DiagramElement, link: TemplateLink): void {
  const container = ensureExtension(editor, root, 'zeebe:Properties');
  const others = properties(root).filter((p) => p.get('name') !== TEMPLATE_REF && p.get('name') !== TEMPLATE_PROCESS);
  const created = [
    editor.bpmnFactory.create('zeebe:Property', { name: TEMPLATE_REF, value: link.ref }),
    editor.bpmnFactory.create('zeebe:Property', { name: TEMPLATE_PROCESS, value: link.processId }),
  ];
  editor.modeling.updateModdleProperties(root, container, { properties: [...others, ...created] });
}
