import type { Collection, DocumentStore } from '../store/port.js';
import { DuplicateKeyError } from '../store/port.js';

const META = 'authz_meta';
const ID = 'revision';

/**
 * A counter bumped by every change to policies, role assignments or the org tree. Each server keeps its
 * in-memory tree and policy index until it sees a newer revision (checked at most every `refreshMs`), so
 * that several servers on one MongoDB converge without a message bus; the writing server applies its own
 * changes at once.
 */
export class Revision {
  private readonly col: Collection<{ n: number }>;
  constructor(store: DocumentStore) {
    this.col = store.collection(META);
  }

  async init(): Promise<void> {
    try {
      await this.col.insertOne({ _id: ID, n: 0 });
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
  }

  async current(): Promise<number> {
    return (await this.col.findOne({ _id: ID }))?.n ?? 0;
  }

  async bump(): Promise<number> {
    const doc = await this.col.findOneAndUpdate({ _id: ID }, { $inc: { n: 1 } });
    return doc?.n ?? 0;
  }
}
