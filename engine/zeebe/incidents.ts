// Open incidents as the broker's exported INCIDENT records describe them: CREATED opens one, RESOLVED closes it.
// The gateway has no query for incidents, so without our exporter this list stays empty.
import type { EngineRecord, Incident, IncidentErrorType } from '../port.js';

const ERROR_TYPES = new Set<string>([
  'JOB_NO_RETRIES',
  'EXTRACT_VALUE_ERROR',
  'CONDITION_ERROR',
  'IO_MAPPING_ERROR',
  'UNHANDLED_ERROR_EVENT',
  'CALLED_ELEMENT_ERROR',
  'CALLED_DECISION_ERROR',
]);

function keyOrUndefined(raw: unknown): string | undefined {
  const key = raw === undefined || raw === null ? '' : String(raw);
  return key === '' || key === '-1' || key === '0' ? undefined : key;
}

export function openIncidents(incidentRecords: EngineRecord[], processInstanceKey?: string): Incident[] {
  const open = new Map<string, Incident>();
  for (const record of incidentRecords) {
    if (record.valueType !== 'INCIDENT') continue;
    if (record.intent === 'RESOLVED') open.delete(record.key);
    if (record.intent !== 'CREATED') continue;
    const errorType = String(record.value.errorType);
    open.set(record.key, {
      incidentKey: record.key,
      processInstanceKey: record.processInstanceKey ?? '',
      elementInstanceKey: keyOrUndefined(record.value.elementInstanceKey) ?? '',
      elementId: record.elementId ?? '',
      jobKey: keyOrUndefined(record.value.jobKey),
      errorType: (ERROR_TYPES.has(errorType) ? errorType : 'UNKNOWN') as IncidentErrorType,
      errorMessage: String(record.value.errorMessage ?? ''),
      tenantId: record.tenantId,
    });
  }
  const all = [...open.values()];
  return processInstanceKey === undefined ? all : all.filter((i) => i.processInstanceKey === processInstanceKey);
}
