/** A notification to one user, as every channel receives it. */
export const NOTIFICATIONS_COLLECTION = 'notifications';

export interface NotificationMessage {
  /** Stable kind for clients and templates, e.g. `sla.warning`, `sla.overdue`, `sla.supervised`. */
  kind: string;
  /** Short Chinese text shown in the inbox and sent by SMS/WeChat. */
  title: string;
  body: string;
  caseId?: string;
  taskId?: string;
  /** The unit the notification concerns (for logs and channel routing). */
  unitId?: string;
}

export interface NotificationDoc extends NotificationMessage {
  _id: string;
  recipientId: string;
  createdAt: string;
  readAt: string | null;
  [key: string]: unknown;
}

/**
 * A way to reach a user: the in-app inbox is built in; SMS and WeChat are adapters over the tenant's gateways.
 * `send` may throw: the notifier retries and logs, and a failing channel never breaks the command that notified.
 */
export interface NotificationChannel {
  readonly name: string;
  send(recipientId: string, message: NotificationMessage, at: Date): Promise<void>;
}
