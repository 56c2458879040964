import type { AuditEntry } from './entry.js';

/** UTF-8 byte order mark: Excel needs it to open a CSV with Chinese text as UTF-8 instead of GBK. */
export const UTF8_BOM = '\uFEFF';

export const CSV_COLUMNS = [
  'seq', 'at', 'actorKind', 'actorId', 'actorName', 'action', 'objectType', 'objectId', 'unitId', 'unitPath',
  'caseId', 'instanceId', 'outcome', 'ip', 'userAgent', 'requestId', 'before', 'after', 'prevHash', 'hash',
] as const;

/**
 * RFC 4180 quoting: a field with a comma, quote, CR or LF is quoted and its quotes doubled. A field that
 * starts with = + - @ (or a tab/CR) is prefixed with an apostrophe so that a spreadsheet never runs it as a
 * formula (CSV injection).
 */
export function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  let s = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function row(e: AuditEntry): Record<(typeof CSV_COLUMNS)[number], unknown> {
  return {
    seq: e.seq, at: e.at, actorKind: e.actor?.kind, actorId: e.actor?.id, actorName: e.actor?.name,
    action: e.action, objectType: e.object?.type, objectId: e.object?.id, unitId: e.unitId, unitPath: e.unitPath,
    caseId: e.caseId, instanceId: e.instanceId, outcome: e.outcome ?? 'ok', ip: e.ip, userAgent: e.userAgent,
    requestId: e.requestId, before: e.before, after: e.after, prevHash: e.prevHash, hash: e.hash,
  };
}

export function csvHeader(): string {
  return UTF8_BOM + CSV_COLUMNS.join(',') + '\r\n';
}

export function csvRow(e: AuditEntry): string {
  const r = row(e);
  return CSV_COLUMNS.map((c) => csvField(r[c])).join(',') + '\r\n';
}
