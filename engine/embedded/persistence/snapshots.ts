/**
 * Durable state snapshots: one document per snapshot (the state as a JSON string at a log position). Recovery
 * takes the newest and replays the log after its position. A snapshot is stored only once the log holds every
 * record up to its position, so a snapshot never runs ahead of the log.
 */
import type { StateSnapshot } from '../state/snapshot.js';
import type { EngineCollection, EnginePersistence } from './types.js';

export const SNAPSHOT_COLLECTION = 'engine_snapshots';
const pad = (n: number): string => String(n).padStart(16, '0');

export class SnapshotStore {
  private readonly col: EngineCollection;

  constructor(persistence: EnginePersistence, name = SNAPSHOT_COLLECTION) {
    this.col = persistence.collection(name);
  }

  async save(snapshot: StateSnapshot): Promise<void> {
    await this.col.insertMany([{ _id: pad(snapshot.position), position: snapshot.position, data: JSON.stringify(snapshot) }]);
    // older snapshots are no longer needed (the log itself is kept: it is the history)
    await this.col.deleteMany?.({ _id: { $lt: pad(snapshot.position) } });
  }

  async latest(): Promise<StateSnapshot | undefined> {
    const [doc] = await this.col.find({}, { sort: { _id: -1 }, limit: 1 });
    return doc ? (JSON.parse(doc.data as string) as StateSnapshot) : undefined;
  }
}
