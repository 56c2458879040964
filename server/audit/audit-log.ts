import type { Collection, DocumentStore, Filter, Page, Stored } from '../store/port.js';
import { DuplicateKeyError, VersionConflictError } from '../store/port.js';
import { GENESIS_HASH, entryHash, entryId, hashedContent, type AuditEntry, type AuditRecordInput } from './entry.js';

export const AUDIT_COLLECTION = 'audit_log';
export const AUDIT_HEAD_COLLECTION = 'audit_head';
const HEAD_ID = 'head';

interface ChainHead {
  seq: number;
  hash: string;
}

/** The interface other services depend on: append one audited command. */
export interface AuditRecorder {
  record(input: AuditRecordInput): Promise<AuditEntry>;
}

export interface AuditQuery {
  caseId?: string;
  actorId?: string;
  unitId?: string;
  action?: string;
  from?: string;
  to?: string;
  /** Unit paths the caller may see (from authz scope); entries outside them are not returned. */
  withinPaths?: string[];
}

const MAX_APPEND_ATTEMPTS = 50;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The append-only, hash-chained audit log.
 *
 * Appends are serialised in-process by a promise queue; across processes (several servers on MongoDB) the
 * unique `seq` index stops two writers from taking the same number, and the chain-head document is moved
 * forward with a compare-and-set on its version. Entries are inserted before the head moves, so a crash in
 * between leaves the head behind, never ahead: the next append sees the duplicate seq and fast-forwards.
 */
export class AuditLog implements AuditRecorder {
  private queue: Promise<unknown> = Promise.resolve();
  readonly entries: Collection<AuditEntry & Record<string, unknown>>;
  private readonly heads: Collection<ChainHead & Record<string, unknown>>;

  constructor(private readonly store: DocumentStore, private readonly now: () => Date = () => new Date()) {
    this.entries = store.collection(AUDIT_COLLECTION);
    this.heads = store.collection(AUDIT_HEAD_COLLECTION);
  }

  async init(): Promise<void> {
    await this.entries.createIndex({ fields: { seq: 1 }, unique: true, name: 'audit_seq' });
    await this.entries.createIndex({ fields: { caseId: 1, seq: 1 } });
    await this.entries.createIndex({ fields: { 'actor.id': 1, seq: 1 } });
    await this.entries.createIndex({ fields: { unitPath: 1, seq: 1 } });
    await this.entries.createIndex({ fields: { at: 1 } });
    try {
      await this.heads.insertOne({ _id: HEAD_ID, seq: 0, hash: GENESIS_HASH });
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
  }

  record(input: AuditRecordInput): Promise<AuditEntry> {
    const run = this.queue.then(() => this.append(input));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The current chain head as recorded in the head document. */
  async head(): Promise<ChainHead> {
    const head = await this.heads.findOne({ _id: HEAD_ID });
    return head ? { seq: head.seq, hash: head.hash } : { seq: 0, hash: GENESIS_HASH };
  }

  private async append(input: AuditRecordInput): Promise<AuditEntry> {
    // What is hashed must be exactly what the store gives back: drop undefined and non-JSON values first.
    // before/after are stored as JSON text: they hold whatever a service hands in (nested arrays included,
    // which the store subset cannot hold) and are hashed exactly as stored.
    const { before, after, ...rest } = JSON.parse(JSON.stringify(input)) as AuditRecordInput;
    const normalised: StoredRecord = {
      ...rest,
      ...(before !== undefined ? { before: JSON.stringify(before) } : {}),
      ...(after !== undefined ? { after: JSON.stringify(after) } : {}),
    };
    for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
      const head = await this.heads.findOne({ _id: HEAD_ID });
      if (!head) throw new Error('audit log not initialised (no chain head)');
      const seq = head.seq + 1;
      const content = { ...normalised, seq, at: this.now().toISOString(), prevHash: head.hash };
      const stored = { ...content, hash: entryHash(head.hash, content) };
      try {
        await this.entries.insertOne({ ...stored, _id: entryId(seq) } as never);
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
        await this.fastForward(head);
        continue;
      }
      await this.moveHead(head, stored);
      return stripStoreFields(stored);
    }
    throw new Error('audit log append kept conflicting; giving up');
  }

  private async moveHead(head: Stored<ChainHead & Record<string, unknown>>, entry: ChainHead): Promise<void> {
    try {
      await this.heads.updateOne({ _id: HEAD_ID }, { $set: { seq: entry.seq, hash: entry.hash } }, { expectedVersion: head._v });
    } catch (err) {
      // Another writer already moved the head past us (it fast-forwarded over our entry): nothing to do.
      if (!(err instanceof VersionConflictError)) throw err;
    }
  }

  /** Moves a head that lags behind stored entries (a writer elsewhere, or a crash after insert). */
  private async fastForward(head: Stored<ChainHead & Record<string, unknown>>): Promise<void> {
    const next = await this.entries.findOne({ seq: head.seq + 1 });
    if (!next) return;
    try {
      await this.heads.updateOne({ _id: HEAD_ID }, { $set: { seq: next.seq, hash: next.hash } }, { expectedVersion: head._v });
    } catch (err) {
      if (!(err instanceof VersionConflictError)) throw err;
    }
  }

  async query(q: AuditQuery, page: { limit: number; cursor?: string | null }): Promise<Page<AuditEntry>> {
    const result = await this.entries.findPage(this.filter(q), { sort: { seq: 1 }, limit: page.limit, cursor: page.cursor ?? null });
    return { items: result.items.map(stripStoreFields), nextCursor: result.nextCursor };
  }

  filter(q: AuditQuery): Filter {
    const and: Filter[] = [];
    if (q.caseId) and.push({ caseId: q.caseId });
    if (q.actorId) and.push({ 'actor.id': q.actorId });
    if (q.unitId) and.push({ unitId: q.unitId });
    if (q.action) and.push({ action: q.action });
    if (q.from) and.push({ at: { $gte: q.from } });
    if (q.to) and.push({ at: { $lte: q.to } });
    if (q.withinPaths) {
      if (q.withinPaths.length === 0) and.push({ _id: { $in: [] } });
      else and.push({ $or: q.withinPaths.map((p) => ({ unitPath: { $regex: `^${escapeRegex(p)}` } })) });
    }
    return and.length === 0 ? {} : { $and: and };
  }
}

type StoredRecord = Omit<AuditRecordInput, 'before' | 'after'> & { before?: string; after?: string };

function parseJsonText(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/** An entry as the API shows it: store fields dropped, before/after decoded from their stored JSON text. */
export function stripStoreFields(doc: Record<string, unknown>): AuditEntry {
  const { _id, _v, before, after, ...rest } = doc;
  void _id;
  void _v;
  return {
    ...(rest as unknown as AuditEntry),
    ...(before !== undefined ? { before: parseJsonText(before) } : {}),
    ...(after !== undefined ? { after: parseJsonText(after) } : {}),
  };
}

export { hashedContent };
