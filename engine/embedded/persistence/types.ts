/**
 * What the embedded engine needs from a store: named collections with ordered insert and a sorted, filtered
 * find. Structurally a subset of the server's DocumentStore (server/store/port.ts), so the server passes its
 * store in directly; engine/ never imports server/.
 */
export type LogFilter = Record<string, unknown>;

export interface EngineCollection {
  insertMany(docs: Record<string, unknown>[]): Promise<unknown>;
  find(filter: LogFilter, options?: { sort?: Record<string, 1 | -1>; limit?: number }): Promise<Record<string, unknown>[]>;
  deleteMany?(filter: LogFilter): Promise<number>;
  createIndex?(spec: { fields: Record<string, 1 | -1>; unique?: boolean; name?: string }): Promise<void>;
}

export interface EnginePersistence {
  collection(name: string): EngineCollection;
}
