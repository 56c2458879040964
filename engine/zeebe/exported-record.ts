// Turns one record exported by the broker (Zeebe's Record#toJson form, see tools/zeebe-exporter) into the
// port's EngineRecord shape.
import { DEFAULT_TENANT } from '../port.js';
import type { RecordValueType } from '../port.js';
import type { NewRecord } from './record-log.js';

const KNOWN_VALUE_TYPES = new Set<string>([
  'DEPLOYMENT',
  'PROCESS',
  'PROCESS_INSTANCE',
  'PROCESS_INSTANCE_CREATION',
  'PROCESS_INSTANCE_MODIFICATION',
  'JOB',
  'INCIDENT',
  'VARIABLE',
  'MESSAGE',
  'PROCESS_MESSAGE_SUBSCRIPTION',
  'MESSAGE_START_EVENT_SUBSCRIPTION',
  'TIMER',
  'ERROR',
  'ESCALATION',
]);

/** Zeebe writes -1 for "no key"; keys arrive as numbers or (when beyond 2^53) strings. */
function keyOf(raw: unknown): string | undefined {
  if (typeof raw !== 'number' && typeof raw !== 'string') return undefined;
  const key = String(raw);
  return key === '-1' || key === '' ? undefined : key;
}

function stringOf(raw: unknown): string | undefined {
  return typeof raw === 'string' && raw !== '' ? raw : undefined;
}

/** Returns undefined for records of value types the port does not model (e.g. JOB_BATCH, CHECKPOINT). */
export function fromExportedRecord(raw: Record<string, unknown>): NewRecord | undefined {
  const valueType = stringOf(raw.valueType);
  if (!valueType || !KNOWN_VALUE_TYPES.has(valueType)) return undefined;
  const value = (typeof raw.value === 'object' && raw.value !== null ? raw.value : {}) as Record<string, unknown>;
  const {
    tenantId,
    processInstanceKey,
    bpmnProcessId,
    processDefinitionKey,
    version,
    processDefinitionVersion,
    elementId,
    bpmnElementType,
    flowScopeKey,
    ...rest
  } = value;
  const versionNumber = typeof version === 'number' ? version : processDefinitionVersion;
  return {
    key: keyOf(raw.key) ?? '-1',
    valueType: valueType as RecordValueType,
    intent: String(raw.intent),
    timestamp: Number(raw.timestamp),
    tenantId: stringOf(tenantId) ?? DEFAULT_TENANT,
    processInstanceKey: keyOf(processInstanceKey),
    bpmnProcessId: stringOf(bpmnProcessId),
    processDefinitionKey: keyOf(processDefinitionKey),
    version: typeof versionNumber === 'number' && versionNumber >= 0 ? versionNumber : undefined,
    elementId: stringOf(elementId),
    bpmnElementType: stringOf(bpmnElementType),
    flowScopeKey: keyOf(flowScopeKey),
    value: { ...rest, brokerPosition: keyOf(raw.position) },
  };
}
