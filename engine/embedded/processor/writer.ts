/**
 * Writes records: assigns the log position and timestamp, applies the record to the state (event appliers)
 * and collects it for the durable log and the live stream. Records are never cloned: state and log share
 * the immutable values.
 */
import type { EngineRecord, RecordValueType } from '../../port.js';
import { applyRecord } from '../state/appliers.js';
import type { EngineState } from '../state/state.js';
import type { ElementInstance } from '../state/types.js';

export type RecordDraft = Omit<EngineRecord, 'position' | 'timestamp' | 'tenantId'> & { tenantId?: string };

export class RecordWriter {
  /** Records written since the last drain (the current group commit). */
  pending: EngineRecord[] = [];

  constructor(private readonly state: EngineState, private readonly now: () => number) {}

  write(draft: RecordDraft): EngineRecord {
    const record = draft as EngineRecord;
    record.position = ++this.state.position;
    record.timestamp = this.now();
    record.tenantId ??= '<default>';
    applyRecord(this.state, record);
    this.pending.push(record);
    return record;
  }

  /** The process-instance fields every record about an element carries. */
  piFields(inst: ElementInstance): Pick<EngineRecord, 'tenantId' | 'processInstanceKey' | 'bpmnProcessId' | 'processDefinitionKey' | 'version'> {
    const pi = inst.pi;
    return { tenantId: pi.tenantId, processInstanceKey: pi.key, bpmnProcessId: pi.bpmnProcessId, processDefinitionKey: pi.processDefinitionKey, version: pi.version };
  }

  /** A record about an element instance, carrying its process instance context like Zeebe's records. */
  element(inst: ElementInstance, intent: string, value: Record<string, unknown> = {}): EngineRecord {
    const pi = inst.pi;
    return this.write({
      key: inst.key,
      valueType: 'PROCESS_INSTANCE',
      intent,
      tenantId: pi.tenantId,
      processInstanceKey: pi.key,
      bpmnProcessId: pi.bpmnProcessId,
      processDefinitionKey: pi.processDefinitionKey,
      version: pi.version,
      elementId: inst.elementId,
      bpmnElementType: inst.type,
      ...(inst.flowScopeKey ? { flowScopeKey: inst.flowScopeKey } : {}),
      value,
    });
  }

  /** A record of another value type in the context of an element instance. */
  about(inst: ElementInstance, valueType: RecordValueType, intent: string, key: string, value: Record<string, unknown>, elementId = inst.elementId): EngineRecord {
    const pi = inst.pi;
    return this.write({
      key,
      valueType,
      intent,
      tenantId: pi.tenantId,
      processInstanceKey: pi.key,
      bpmnProcessId: pi.bpmnProcessId,
      processDefinitionKey: pi.processDefinitionKey,
      version: pi.version,
      elementId,
      value,
    });
  }

  drain(): EngineRecord[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }
}
