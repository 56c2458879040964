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

interface Pending {
  record: StoredRecord;
  resolve: (entry: AuditEntry) => void;
  reject: (err: unknown) => void;
}

/** Entries appended in one write at most (one insertMany + one head move). */
const MAX_BATCH = 500;

/**
 * The append-only, hash-chained audit log.
 *
 * Appends are group-committed in-process: while one write is in flight, the entries recorded meanwhile queue up
 * and are chained and written together by the next one (one ordered insert of all entries, then one move of the
 * chain head), so a busy server pays two commits per batch instead of two per command. A caller's promise
 * resolves only once its entry is stored. Across processes (several servers on MongoDB) the unique `seq` index
 * stops two writers from taking the same number, and the chain-head document is moved forward with a
 * compare-and-set on its version. Entries are inserted before the head moves, so a crash in between leaves the
 * head behind, never ahead: the next append sees the duplicate seq and fast-forwards.
 */
export class AuditLog implements AuditRecorder {
  private pending: Pending[] = [];
  private writing = false;
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
    let record: StoredRecord;
    try {
      record = normalise(input);
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise<AuditEntry>((resolve, reject) => {
      this.pending.push({ record, resolve, reject });
      this.kick();
    });
  }

  /** The current chain head as recorded in the head document. */
  async head(): Promise<ChainHead> {
    const head = await this.heads.findOne({ _id: HEAD_ID });
    return head ? { seq: head.seq, hash: head.hash } : { seq: 0, hash: GENESIS_HASH };
  }

  private kick(): void {
    if (this.writing || this.pending.length === 0) return;
    const batch = this.pending.splice(0, MAX_BATCH);
    this.writing = true;
    void this.appendBatch(batch).finally(() => {
      this.writing = false;
      this.kick();
    });
  }

  /** Settles every caller of the batch; a failure that is not one entry's own fault fails them all. */
  private async appendBatch(batch: Pending[]): Promise<void> {
    try {
      const entries = await this.append(batch.map((p) => p.record));
      batch.forEach((p, i) => p.resolve(entries[i]!));
    } catch (err) {
      if (batch.length === 1) {
        batch[0]!.reject(err);
        return;
      }
      // one bad entry must not take the others down with it: append them one by one
      for (const p of batch) {
        try {
          p.resolve((await this.append([p.record]))[0]!);
        } catch (single) {
          p.reject(single);
        }
      }
    }
  }

  /** Chains and stores the records in order; returns their entries. */
  private async append(records: StoredRecord[]): Promise<AuditEntry[]> {
    const done: AuditEntry[] = [];
    let remaining = records;
    for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
      const head = await this.heads.findOne({ _id: HEAD_ID });
      if (!head) throw new Error('audit log not initialised (no chain head)');
      const at = this.now().toISOString();
      const stored: (AuditEntry & Record<string, unknown>)[] = [];
      let prev: ChainHead = { seq: head.seq, hash: head.hash };
      for (const record of remaining) {
        const content = { ...record, seq: prev.seq + 1, at, prevHash: prev.hash };
        const entry = { ...content, hash: entryHash(prev.hash, content) } as AuditEntry & Record<string, unknown>;
        stored.push(entry);
        prev = entry;
      }
      try {
        await this.entries.insertMany(stored.map((e) => ({ ...e, _id: entryId(e.seq) })) as never);
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
        // an ordered insert keeps the entries before the duplicate: those are ours and chained on the head
        const kept = await this.storedPrefix(stored);
        done.push(...stored.slice(0, kept).map(stripStoreFields));
        remaining = remaining.slice(kept);
        await this.fastForward(head);
        if (remaining.length === 0) return done;
        continue;
      }
      await this.moveHead(head, prev);
      done.push(...stored.map(stripStoreFields));
      return done;
    }
    throw new Error('audit log append kept conflicting; giving up');
  }

  /** How many of the entries (in order) were stored as ours. */
  private async storedPrefix(entries: AuditEntry[]): Promise<number> {
    let n = 0;
    for (const e of entries) {
      const found = await this.entries.findOne({ _id: entryId(e.seq) }, { projection: { hash: 1 } });
      if (found?.hash !== e.hash) break;
      n++;
    }
    return n;
  }

  private async moveHead(head: Stored<ChainHead & Record<string, unknown>>, entry: ChainHead): Promise<void> {
    try {
      await this.heads.updateOne({ _id: HEAD_ID }, { $set: { seq: entry.seq, hash: entry.hash } }, { expectedVersion: head._v });
    } catch (err) {
      // Another writer already moved the head past us (it fast-forwarded over our entries): nothing to do.
      if (!(err instanceof VersionConflictError)) throw err;
    }
  }

  /** Moves a head that lags behind stored entries (a writer elsewhere, or a crash after insert) to the last one. */
  private async fastForward(head: Stored<ChainHead & Record<string, unknown>>): Promise<void> {
    let last: ChainHead | undefined;
    for (;;) {
      const next = await this.entries.find({ seq: { $gt: last?.seq ?? head.seq } }, { sort: { seq: 1 }, limit: 200, projection: { seq: 1, hash: 1 } });
      const expected = (last?.seq ?? head.seq) + 1;
      const run = next.findIndex((e, i) => e.seq !== expected + i);
      const contiguous = run === -1 ? next : next.slice(0, run);
      if (contiguous.length === 0) break;
      const tail = contiguous[contiguous.length - 1]!;
      last = { seq: tail.seq, hash: tail.hash };
      if (contiguous.length < 200) break;
    }
    if (!last) return;
    try {
      await this.heads.updateOne({ _id: HEAD_ID }, { $set: { seq: last.seq, hash: last.hash } }, { expectedVersion: head._v });
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

/**
 * What is hashed must be exactly what the store gives back: undefined and non-JSON values dropped first.
 * before/after are stored as JSON text: they hold whatever a service hands in (nested arrays included, which the
 * store subset cannot hold) and are hashed exactly as stored.
 */
function normalise(input: AuditRecordInput): StoredRecord {
  const { before, after, ...rest } = JSON.parse(JSON.stringify(input)) as AuditRecordInput;
  return {
    ...rest,
    ...(before !== undefined ? { before: JSON.stringify(before) } : {}),
    ...(after !== undefined ? { after: JSON.stringify(after) } : {}),
  };
}

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
