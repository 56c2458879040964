import type { Logger } from '../log/logger.js';
import type { NotificationChannel, NotificationMessage } from './notification.js';

export interface NotifierOptions {
  /** Attempts per channel and recipient (first try included). */
  attempts?: number;
  /** Pause before the n-th retry: `retryDelayMs * n`. */
  retryDelayMs?: number;
  now?: () => Date;
}

/**
 * Sends a message to users over every channel. Never throws: a channel that keeps failing is logged and the
 * others still deliver, because a notification must not undo or block the command that caused it.
 */
export class Notifier {
  private readonly attempts: number;
  private readonly retryDelayMs: number;
  private readonly now: () => Date;

  constructor(
    private readonly channels: NotificationChannel[],
    private readonly logger?: Pick<Logger, 'warn' | 'error'>,
    options: NotifierOptions = {},
  ) {
    this.attempts = options.attempts ?? 3;
    this.retryDelayMs = options.retryDelayMs ?? 500;
    this.now = options.now ?? (() => new Date());
  }

  /** Resolves when every channel has delivered or given up; returns the channel failures (for tests and logs). */
  async notify(recipientIds: Iterable<string>, message: NotificationMessage): Promise<{ channel: string; recipientId: string; error: string }[]> {
    const at = this.now();
    const failures: { channel: string; recipientId: string; error: string }[] = [];
    const jobs: Promise<void>[] = [];
    for (const recipientId of new Set(recipientIds)) {
      for (const channel of this.channels) {
        jobs.push(this.deliver(channel, recipientId, message, at).catch((err: unknown) => {
          const error = err instanceof Error ? err.message : String(err);
          failures.push({ channel: channel.name, recipientId, error });
          this.logger?.error({ err, channel: channel.name, recipientId, kind: message.kind }, 'notification not delivered');
        }));
      }
    }
    await Promise.all(jobs);
    return failures;
  }

  private async deliver(channel: NotificationChannel, recipientId: string, message: NotificationMessage, at: Date): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await channel.send(recipientId, message, at);
        return;
      } catch (err) {
        if (attempt >= this.attempts) throw err;
        this.logger?.warn({ err, channel: channel.name, recipientId, attempt }, 'notification failed; retrying');
        await new Promise((r) => setTimeout(r, this.retryDelayMs * attempt));
      }
    }
  }
}
