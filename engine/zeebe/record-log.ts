// The adapter's history: the commands it sent, the jobs it saw and (when the broker runs our exporter) the
// broker's own exported events, in arrival order with the adapter's own monotonic positions.
import type { EngineRecord, RecordQuery } from '../port.js';

export type NewRecord = Omit<EngineRecord, 'position'>;

export class RecordLog {
  private readonly entries: EngineRecord[] = [];
  private readonly listeners = new Set<(record: EngineRecord) => void>();
  private nextPosition = 1;

  append(record: NewRecord): EngineRecord {
    const stored: EngineRecord = { position: this.nextPosition++, ...record };
    this.entries.push(stored);
    for (const listener of this.listeners) {
      try {
        listener(stored);
      } catch {
        // a failing listener must not break the log or the other listeners
      }
    }
    return stored;
  }

  query(query: RecordQuery): EngineRecord[] {
    const matches = this.entries.filter(
      (r) =>
        (query.processInstanceKey === undefined || r.processInstanceKey === query.processInstanceKey) &&
        (query.valueType === undefined || r.valueType === query.valueType) &&
        (query.intent === undefined || r.intent === query.intent) &&
        (query.elementId === undefined || r.elementId === query.elementId) &&
        (query.fromPosition === undefined || r.position >= query.fromPosition),
    );
    return query.limit === undefined ? matches : matches.slice(0, query.limit);
  }

  /** The newest record satisfying `predicate`, if any. */
  findLast(predicate: (record: EngineRecord) => boolean): EngineRecord | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) if (predicate(this.entries[i]!)) return this.entries[i];
    return undefined;
  }

  get size(): number {
    return this.entries.length;
  }

  subscribe(listener: (record: EngineRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
