import { randomUUID } from 'node:crypto';
import type { Collection, DocumentStore, Stored } from '../store/port.js';
import { NOTIFICATIONS_COLLECTION, type NotificationChannel, type NotificationDoc, type NotificationMessage } from './notification.js';

export class NotificationNotFoundError extends Error {
  readonly code = 'notification.not_found';
  constructor(id: string) {
    super(`no notification ${id} in your inbox`);
    this.name = 'NotificationNotFoundError';
  }
}

/** The in-app inbox (站内信): one document per recipient and message. */
export class InboxChannel implements NotificationChannel {
  readonly name = 'inbox';
  private readonly docs: Collection<NotificationDoc>;

  constructor(store: DocumentStore) {
    this.docs = store.collection<NotificationDoc>(NOTIFICATIONS_COLLECTION);
  }

  async init(): Promise<void> {
    await this.docs.createIndex({ fields: { recipientId: 1, createdAt: -1 } });
    await this.docs.createIndex({ fields: { recipientId: 1, readAt: 1 } });
  }

  async send(recipientId: string, message: NotificationMessage, at: Date): Promise<void> {
    await this.docs.insertOne({ _id: randomUUID(), recipientId, ...message, createdAt: at.toISOString(), readAt: null });
  }

  async list(recipientId: string, opts: { unreadOnly?: boolean; limit: number; cursor?: string | null }) {
    const filter = { recipientId, ...(opts.unreadOnly ? { readAt: null } : {}) };
    const page = await this.docs.findPage(filter, { sort: { createdAt: -1 }, limit: opts.limit, cursor: opts.cursor ?? null });
    const unread = await this.docs.count({ recipientId, readAt: null });
    return { items: page.items, nextCursor: page.nextCursor, unread };
  }

  /** Marks one of the caller's notifications read; someone else's is "not found", never "forbidden". */
  async markRead(recipientId: string, id: string, at: Date): Promise<Stored<NotificationDoc>> {
    const doc = await this.docs.findOne({ _id: id, recipientId });
    if (!doc) throw new NotificationNotFoundError(id);
    if (doc.readAt) return doc;
    return (await this.docs.findOneAndUpdate({ _id: id, recipientId }, { $set: { readAt: at.toISOString() } }))!;
  }
}
