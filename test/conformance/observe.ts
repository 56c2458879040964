/**
 * Read-side helpers of the conformance runner: what an instance did, derived from the engine's records only
 * (PROCESS_INSTANCE records, keyed by element instance, as Zeebe exports them), plus a bounded poll, because
 * Zeebe processes commands asynchronously (and the embedded engine may too).
 */
import type { EngineRecord, WorkflowEngine } from '../../engine/port.js';

export interface PollOptions {
  /** Give up after this long (real time). */
  timeoutMs: number;
  intervalMs: number;
}

/** Calls `probe` until it returns a value other than undefined, or until the time is up (then undefined). */
export async function pollUntil<T>(
  probe: () => Promise<T | undefined>,
  options: PollOptions,
): Promise<T | undefined> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) return undefined;
    await sleep(options.intervalMs);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function processInstanceRecords(engine: WorkflowEngine, processInstanceKey: string): Promise<EngineRecord[]> {
  const records = await engine.records({ processInstanceKey, valueType: 'PROCESS_INSTANCE' });
  return [...records].sort((a, b) => a.position - b.position);
}

const isProcessRecord = (r: EngineRecord): boolean => r.bpmnElementType === 'PROCESS';

/** Element ids in the order their ELEMENT_COMPLETED records were written (the process itself excluded). */
export function completedElements(records: EngineRecord[]): string[] {
  return records
    .filter((r) => r.intent === 'ELEMENT_COMPLETED' && !isProcessRecord(r) && r.elementId !== undefined)
    .map((r) => r.elementId!);
}

export function terminatedElements(records: EngineRecord[]): string[] {
  return records
    .filter((r) => r.intent === 'ELEMENT_TERMINATED' && !isProcessRecord(r) && r.elementId !== undefined)
    .map((r) => r.elementId!);
}

/** Element instances that were activated and have neither completed nor terminated. */
export function activeElementInstances(records: EngineRecord[]): { key: string; elementId: string; bpmnElementType?: string }[] {
  const ended = new Set(
    records.filter((r) => r.intent === 'ELEMENT_COMPLETED' || r.intent === 'ELEMENT_TERMINATED').map((r) => r.key),
  );
  return records
    .filter((r) => r.intent === 'ELEMENT_ACTIVATED' && !isProcessRecord(r) && !ended.has(r.key) && r.elementId !== undefined)
    .map((r) => ({ key: r.key, elementId: r.elementId!, ...(r.bpmnElementType ? { bpmnElementType: r.bpmnElementType } : {}) }));
}

/** The instance's state from the PROCESS element's own records. */
export function instanceState(records: EngineRecord[]): 'completed' | 'terminated' | 'active' | 'unknown' {
  const own = records.filter(isProcessRecord);
  if (own.some((r) => r.intent === 'ELEMENT_COMPLETED')) return 'completed';
  if (own.some((r) => r.intent === 'ELEMENT_TERMINATED')) return 'terminated';
  if (own.some((r) => r.intent === 'ELEMENT_ACTIVATED' || r.intent === 'ELEMENT_ACTIVATING')) return 'active';
  return 'unknown';
}

/** True when `expected` occurs in `actual` in this relative order (a subsequence). */
export function isSubsequence(expected: string[], actual: string[]): boolean {
  let at = 0;
  for (const id of actual) {
    if (at < expected.length && id === expected[at]) at += 1;
  }
  return at === expected.length;
}

/** Keys of the process instances of a BPMN process id activated after log position `after`, oldest first. */
export async function instancesOfProcess(engine: WorkflowEngine, bpmnProcessId: string, after = -1): Promise<string[]> {
  const records = await engine.records({ valueType: 'PROCESS_INSTANCE', intent: 'ELEMENT_ACTIVATED' });
  return [...records]
    .sort((a, b) => a.position - b.position)
    .filter((r) => r.position > after && isProcessRecord(r) && r.bpmnProcessId === bpmnProcessId && r.processInstanceKey !== undefined)
    .map((r) => r.processInstanceKey!);
}

/** The highest log position written so far (-1 for an empty log). */
export async function lastPosition(engine: WorkflowEngine): Promise<number> {
  const records = await engine.records({});
  return records.reduce((max, r) => Math.max(max, r.position), -1);
}
