import type { NotificationChannel, NotificationMessage } from './notification.js';

/**
 * SMS or WeChat through the tenant's gateway: POSTs the message as JSON to a configured URL
 * (`{ channel, recipientId, kind, title, body, caseId, taskId, unitId, at }`); the gateway maps the user to a phone
 * number or an OpenID. A non-2xx answer or a network error throws, and the notifier retries.
 */
export class WebhookChannel implements NotificationChannel {
  constructor(
    readonly name: string,
    private readonly url: string,
    private readonly timeoutMs = 5_000,
  ) {}

  async send(recipientId: string, message: NotificationMessage, at: Date): Promise<void> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel: this.name, recipientId, ...message, at: at.toISOString() }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!res.ok) throw new Error(`${this.name} webhook answered ${res.status}`);
    await res.arrayBuffer();
  }
}
