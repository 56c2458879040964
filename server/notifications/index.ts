/** Notifications: the channel interface, the in-app inbox, webhook adapters (SMS/WeChat) and the notifier. */
import type { Logger } from '../log/logger.js';
import type { DocumentStore } from '../store/port.js';
import { InboxChannel } from './inbox.js';
import { Notifier } from './notifier.js';
import { WebhookChannel } from './webhook.js';
import type { NotificationChannel } from './notification.js';

export { InboxChannel, NotificationNotFoundError } from './inbox.js';
export { Notifier, type NotifierOptions } from './notifier.js';
export { WebhookChannel } from './webhook.js';
export { NOTIFICATIONS_COLLECTION, type NotificationChannel, type NotificationDoc, type NotificationMessage } from './notification.js';

export interface NotificationSettings {
  smsWebhookUrl?: string;
  wechatWebhookUrl?: string;
}

export interface NotificationServices {
  inbox: InboxChannel;
  notifier: Notifier;
}

/** The inbox always; SMS and WeChat when their gateway URL is configured. */
export async function createNotificationServices(store: DocumentStore, settings: NotificationSettings, logger?: Logger): Promise<NotificationServices> {
  const inbox = new InboxChannel(store);
  await inbox.init();
  const channels: NotificationChannel[] = [inbox];
  if (settings.smsWebhookUrl) channels.push(new WebhookChannel('sms', settings.smsWebhookUrl));
  if (settings.wechatWebhookUrl) channels.push(new WebhookChannel('wechat', settings.wechatWebhookUrl));
  return { inbox, notifier: new Notifier(channels, logger) };
}
