import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { get } from '../api.js';
import { h } from '../dom.js';

type HistoryRecord = { position: number; key: string; valueType: string; intent: string; elementId?: string; bpmnElementType?: string };

/** Per element: how often it completed, and whether an instance of it is still active. */
export function pathOf(records: HistoryRecord[]): { completed: Map<string, number>; active: Set<string> } {
  const completed = new Map<string, number>();
  const live = new Map<string, string>();
  for (const r of records) {
    if (r.valueType !== 'PROCESS_INSTANCE' || !r.elementId || r.bpmnElementType === 'PROCESS' || r.bpmnElementType === 'SEQUENCE_FLOW') continue;
    const instance = r.key;
    if (r.intent === 'ELEMENT_ACTIVATED') live.set(instance, r.elementId);
    if (r.intent === 'ELEMENT_COMPLETED' || r.intent === 'ELEMENT_TERMINATED') {
      live.delete(instance);
      if (r.intent === 'ELEMENT_COMPLETED') completed.set(r.elementId, (completed.get(r.elementId) ?? 0) + 1);
    }
  }
  return { completed, active: new Set(live.values()) };
}

/** The definition's diagram with the path taken (green), the current position (blue) and counts per element. */
export async function renderDiagram(el: HTMLElement, definitionKey: string, instanceKey: string): Promise<() => void> {
  const res = await fetch(`/api/definitions/${encodeURIComponent(definitionKey)}/xml`, { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`${res.status}`);
  const xml = await res.text();
  const records: HistoryRecord[] = [];
  let fromPosition: number | undefined;
  for (let i = 0; i < 40; i++) {
    const page = await get<{ items: HistoryRecord[]; nextPosition?: number }>(
      `/api/instances/${encodeURIComponent(instanceKey)}/history?limit=500${fromPosition !== undefined ? `&fromPosition=${fromPosition}` : ''}`,
    );
    records.push(...page.items);
    if (page.nextPosition === undefined || page.items.length === 0) break;
    fromPosition = page.nextPosition;
  }
  const canvas = h('div', { class: 'diagram', 'data-testid': 'diagram' });
  el.append(canvas);
  const viewer = new NavigatedViewer({ container: canvas });
  await viewer.importXML(xml);
  const { completed, active } = pathOf(records);
  const canvasApi = viewer.get('canvas') as { addMarker(id: string, m: string): void; zoom(f: string): void };
  const overlays = viewer.get('overlays') as { add(id: string, o: { position: { bottom: number; right: number }; html: HTMLElement }): void };
  const registry = viewer.get('elementRegistry') as { get(id: string): unknown };
  for (const [id, n] of completed) {
    if (!registry.get(id)) continue;
    canvasApi.addMarker(id, 'taken');
    overlays.add(id, { position: { bottom: 0, right: 0 }, html: h('span', { class: 'element-count', 'data-element': id }, String(n)) });
  }
  for (const id of active) if (registry.get(id)) canvasApi.addMarker(id, 'current');
  canvasApi.zoom('fit-viewport');
  return () => viewer.destroy();
}
