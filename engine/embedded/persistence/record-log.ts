/**
 * The durable record log with group commit. Each processed command hands over its records; while one write
 * is in flight, the records of later commands queue up and go out together in the next write (one document per
 * ~2,000 records, cut only between commands, so a crash never leaves half a command in the log). A command is
 * acknowledged only after the write that holds its records has finished.
 *
 * Records are stored as one JSON string per document: fast to write, and free of the store's rules about
 * field names (custom headers and variables may contain dots).
 */
import type { EngineRecord, RecordQuery } from '../../port.js';
import type { EngineCollection, EnginePersistence } from './types.js';

export const LOG_COLLECTION = 'engine_log';
/** Which log documents hold records of a process instance (history per case without scanning the log). */
export const LOG_INDEX_COLLECTION = 'engine_log_by_instance';
const MAX_RECORDS_PER_DOC = 2000;
const pad = (n: number): string => String(n).padStart(16, '0');

interface LogDoc {
  _id: string;
  first: number;
  last: number;
  pis: string[];
  data: string;
}

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class RecordLog {
  private readonly col: EngineCollection;
  private readonly byInstance: EngineCollection;
  private queued: EngineRecord[][] = [];
  private waiters: Waiter[] = [];
  private writing = false;
  private failure: unknown;

  constructor(persistence: EnginePersistence, name = LOG_COLLECTION) {
    this.col = persistence.collection(name);
    this.byInstance = persistence.collection(`${name}_by_instance`);
  }

  /** Index for position-range reads (recovery tails, `records({ fromPosition })`). */
  async init(): Promise<void> {
    await this.col.createIndex?.({ fields: { last: 1 }, name: 'log_last' });
    await this.byInstance.createIndex?.({ fields: { pi: 1 }, name: 'log_pi' });
  }

  /** Resolves once the records are durable. */
  append(records: EngineRecord[]): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (records.length === 0 && !this.writing && this.queued.length === 0) return Promise.resolve();
    if (records.length) this.queued.push(records);
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    if (this.writing) return;
    const batch = this.queued;
    const waiters = this.waiters;
    if (batch.length === 0) {
      for (const w of waiters) w.resolve();
      this.waiters = [];
      return;
    }
    this.queued = [];
    this.waiters = [];
    this.writing = true;
    this.write(toDocs(batch)).then(
      () => {
        for (const w of waiters) w.resolve();
      },
      (err: unknown) => {
        // the in-memory state is now ahead of the log: refuse further work rather than diverge silently
        this.failure = err;
        for (const w of waiters) w.reject(err);
      },
    ).finally(() => {
      this.writing = false;
      if (!this.failure) this.kick();
    });
  }

  /**
   * Index entries first, then the log documents: a crash in between leaves entries that point at nothing
   * (harmless: the lookup finds fewer documents), never log documents that the index misses.
   */
  private async write(docs: LogDoc[]): Promise<void> {
    const entries = docs.flatMap((d) => d.pis.map((pi) => ({ _id: `${pi}:${d._id}`, pi, doc: d._id })));
    if (entries.length) await this.byInstance.insertMany(entries);
    await this.col.insertMany(docs as unknown as Record<string, unknown>[]);
  }

  /** Every record after `fromPosition`, in log order (recovery). */
  async *readAll(fromPosition = 0): AsyncGenerator<EngineRecord[]> {
    let after = '';
    for (;;) {
      const filter: Record<string, unknown> = { last: { $gt: fromPosition } };
      if (after) filter._id = { $gt: after };
      const docs = (await this.col.find(filter, { sort: { _id: 1 }, limit: 200 })) as unknown as LogDoc[];
      if (docs.length === 0) return;
      for (const doc of docs) yield (JSON.parse(doc.data) as EngineRecord[]).filter((r) => r.position > fromPosition);
      after = docs[docs.length - 1]!._id;
    }
  }

  async query(q: RecordQuery, matches: (r: EngineRecord) => boolean): Promise<EngineRecord[]> {
    if (q.processInstanceKey) return this.queryInstance(q.processInstanceKey, q, matches);
    const out: EngineRecord[] = [];
    const limit = q.limit ?? Infinity;
    let after = '';
    for (;;) {
      const filter: Record<string, unknown> = {};
      if (after) filter._id = { $gt: after };
      if (q.fromPosition !== undefined) filter.last = { $gte: q.fromPosition };
      const docs = (await this.col.find(filter, { sort: { _id: 1 }, limit: 100 })) as unknown as LogDoc[];
      if (docs.length === 0) return out;
      for (const doc of docs) {
        for (const r of JSON.parse(doc.data) as EngineRecord[]) {
          if (!matches(r)) continue;
          out.push(r);
          if (out.length >= limit) return out;
        }
      }
      after = docs[docs.length - 1]!._id;
    }
  }

  private async queryInstance(pi: string, q: RecordQuery, matches: (r: EngineRecord) => boolean): Promise<EngineRecord[]> {
    const entries = await this.byInstance.find({ pi }, { sort: { _id: 1 } });
    const out: EngineRecord[] = [];
    const limit = q.limit ?? Infinity;
    const ids = entries.map((e) => e.doc as string);
    for (let i = 0; i < ids.length; i += 100) {
      const filter: Record<string, unknown> = { _id: { $in: ids.slice(i, i + 100) } };
      if (q.fromPosition !== undefined) filter.last = { $gte: q.fromPosition };
      const docs = (await this.col.find(filter, { sort: { _id: 1 } })) as unknown as LogDoc[];
      for (const doc of docs) {
        for (const r of JSON.parse(doc.data) as EngineRecord[]) {
          if (!matches(r)) continue;
          out.push(r);
          if (out.length >= limit) return out;
        }
      }
    }
    return out;
  }

  /** Resolves when everything appended so far is durable. */
  async flush(): Promise<void> {
    await this.append([]);
  }
}

function toDocs(batch: EngineRecord[][]): LogDoc[] {
  const docs: LogDoc[] = [];
  let current: EngineRecord[] = [];
  const cut = (): void => {
    if (!current.length) return;
    const pis = new Set<string>();
    for (const r of current) if (r.processInstanceKey) pis.add(r.processInstanceKey);
    docs.push({ _id: pad(current[0]!.position), first: current[0]!.position, last: current[current.length - 1]!.position, pis: [...pis], data: JSON.stringify(current) });
    current = [];
  };
  for (const records of batch) {
    if (current.length && current.length + records.length > MAX_RECORDS_PER_DOC) cut();
    for (const r of records) current.push(r);
  }
  cut();
  return docs;
}
