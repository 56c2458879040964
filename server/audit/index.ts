/** The audit room's public face: other services depend on `AuditRecorder` and call `record(...)`. */
export { AuditLog, AUDIT_COLLECTION, AUDIT_HEAD_COLLECTION, type AuditRecorder, type AuditQuery } from './audit-log.js';
export type { AuditEntry, AuditRecordInput, AuditActor } from './entry.js';
export { verifyAuditChain, type ChainVerdict, type ChainProblem } from './verify.js';
export { csvHeader, csvRow, csvField, UTF8_BOM } from './export.js';
