import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/** Who caused an audited command. */
export interface AuditActor {
  kind: 'user' | 'token' | 'system';
  id: string;
  name?: string;
}

/** What another service hands to `audit.record(...)`. The log adds seq, time, and the chain hashes. */
export interface AuditRecordInput {
  actor: AuditActor;
  /** Dotted verb, e.g. `org.unit.move`, `authz.assignment.add`, `case.task.complete`. */
  action: string;
  object: { type: string; id?: string };
  /** The unit (Casbin domain) the command concerned; auditors see entries of their subtree. */
  unitId?: string;
  unitPath?: string;
  caseId?: string;
  instanceId?: string;
  before?: unknown;
  after?: unknown;
  ip?: string;
  userAgent?: string;
  requestId?: string;
  /** Business outcome, e.g. `denied` for a refused login. Defaults to `ok`. */
  outcome?: string;
}

/**
 * One link of the chain. `hash = SHA-256(prevHash + canonicalJson(entry without hash))`, computed over the
 * entry as stored, where before/after are JSON text.
 */
export interface AuditEntry extends AuditRecordInput {
  seq: number;
  /** ISO-8601 UTC instant; stored as a string so that it hashes identically on every store. */
  at: string;
  prevHash: string;
  hash: string;
}

/** The prevHash of entry 1. */
export const GENESIS_HASH = '0'.repeat(64);

/** The hashed part of an entry: every field except `hash` and the store's own `_id` / `_v`. */
export function hashedContent(entry: Record<string, unknown>): Record<string, unknown> {
  const { hash: _hash, _id, _v, ...content } = entry;
  void _id;
  void _v;
  return content;
}

export function entryHash(prevHash: string, content: Record<string, unknown>): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(content)).digest('hex');
}

/** Store `_id` of an entry: zero-padded seq, so `_id` order is chain order. */
export function entryId(seq: number): string {
  return String(seq).padStart(12, '0');
}
