import { DuplicateKeyError, type Collection, type DocumentStore, type Stored } from '../store/port.js';
import { CASES_COLLECTION, type CaseChannel, type CaseDoc } from './case.js';

export const TRACKING_COUNTERS_COLLECTION = 'case_tracking_counters';

/** The cases collection with the indexes the list, idempotency and SLA queries need. */
export class CaseRepository {
  readonly cases: Collection<CaseDoc>;
  private readonly counters: Collection<{ _id: string; seq: number }>;

  constructor(store: DocumentStore) {
    this.cases = store.collection<CaseDoc>(CASES_COLLECTION);
    this.counters = store.collection(TRACKING_COUNTERS_COLLECTION);
  }

  async init(): Promise<void> {
    await this.cases.createIndex({ fields: { trackingNumber: 1 }, unique: true });
    // idempotent intake: the store refuses a second case for the same channel message, however concurrent.
    // A unique index treats a missing field as one value (null), so the key lives in `intakeKey`, which cases
    // without a message id fill with their own id.
    await this.cases.createIndex({ fields: { intakeKey: 1 }, unique: true });
    await this.cases.createIndex({ fields: { unitPath: 1, createdAt: -1 } });
    await this.cases.createIndex({ fields: { status: 1, createdAt: -1 } });
    await this.cases.createIndex({ fields: { filedAt: 1 } });
    await this.cases.createIndex({ fields: { closedAt: 1 } });
    await this.cases.createIndex({ fields: { status: 1, dueAt: 1 } });
    await this.cases.createIndex({ fields: { processInstanceKey: 1 } });
  }

  /**
   * Inserts a new case; when the channel message id was seen before, returns the existing case instead
   * (`created: false`). The unique index decides, so two concurrent deliveries create one case.
   */
  async insertIdempotent(doc: CaseDoc): Promise<{ case: Stored<CaseDoc>; created: boolean }> {
    try {
      return { case: await this.cases.insertOne(doc), created: true };
    } catch (error) {
      if (!(error instanceof DuplicateKeyError) || !doc.channelMessageId) throw error;
      // a duplicate tracking number would also land here; only a found message counts as a redelivery
      const existing = await this.byChannelMessage(doc.channel, doc.channelMessageId);
      if (!existing) throw error;
      return { case: existing, created: false };
    }
  }

  byChannelMessage(channel: CaseChannel, channelMessageId: string): Promise<Stored<CaseDoc> | null> {
    return this.cases.findOne({ intakeKey: intakeKeyOf(channel, channelMessageId) });
  }

  byId(id: string): Promise<Stored<CaseDoc> | null> {
    return this.cases.findOne({ _id: id });
  }

  byTrackingNumber(trackingNumber: string): Promise<Stored<CaseDoc> | null> {
    return this.cases.findOne({ trackingNumber });
  }

  byInstance(processInstanceKey: string): Promise<Stored<CaseDoc> | null> {
    return this.cases.findOne({ processInstanceKey });
  }

  /** `GZ-20261123-000042`: a per-day (Beijing time) counter, incremented atomically in the store. */
  async nextTrackingNumber(now: Date): Promise<string> {
    // the citizen's calendar day (China Standard Time, no daylight saving), not UTC's
    const day = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
    const id = `GZ-${day}`;
    let counter = await this.counters.findOneAndUpdate({ _id: id }, { $inc: { seq: 1 } });
    if (!counter) {
      try {
        await this.counters.insertOne({ _id: id, seq: 0 });
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
      }
      counter = await this.counters.findOneAndUpdate({ _id: id }, { $inc: { seq: 1 } });
    }
    return `${id}-${String(counter!.seq).padStart(6, '0')}`;
  }
}

/** The idempotency key of a channel message. */
export function intakeKeyOf(channel: CaseChannel, channelMessageId: string): string {
  return `${channel}:${channelMessageId}`;
}
