import type { EngineRecord } from '../../engine/index.js';

export type InstanceState = 'ACTIVE' | 'COMPLETED' | 'CANCELED';

/** The state of an instance from its records: the process element's completion or termination ends it. */
export function instanceStateOf(records: EngineRecord[]): InstanceState {
  for (const r of records) {
    if (r.valueType !== 'PROCESS_INSTANCE' || r.bpmnElementType !== 'PROCESS') continue;
    if (r.intent === 'ELEMENT_COMPLETED') return 'COMPLETED';
    if (r.intent === 'ELEMENT_TERMINATED') return 'CANCELED';
  }
  return 'ACTIVE';
}

/** Element instances activated and not yet completed or terminated (the instance's current elements). */
export function openElementsOf(records: EngineRecord[]): { elementId: string; elementInstanceKey: string; bpmnElementType?: string }[] {
  const open = new Map<string, { elementId: string; elementInstanceKey: string; bpmnElementType?: string }>();
  for (const r of records) {
    if (r.valueType !== 'PROCESS_INSTANCE' || r.bpmnElementType === 'PROCESS' || !r.elementId) continue;
    if (r.intent === 'ELEMENT_ACTIVATED') open.set(r.key, { elementId: r.elementId, elementInstanceKey: r.key, bpmnElementType: r.bpmnElementType });
    if (r.intent === 'ELEMENT_COMPLETED' || r.intent === 'ELEMENT_TERMINATED') open.delete(r.key);
  }
  return [...open.values()];
}
