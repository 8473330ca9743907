import type { Logger } from '@jianguan/platform';
import type { NotificationKind } from '../entities/notification.entity';

export interface OutgoingNotification {
  id: string;
  orderId: string;
  kind: NotificationKind;
  step: string;
  recipient: string;
  message: string;
}

/**
 * How notifications leave the system once their rows committed. The row is the record (exactly once);
 * delivery is best effort and at least once — a channel failure is logged, never undoes the step.
 */
export interface NotificationChannel {
  deliver(notifications: OutgoingNotification[]): Promise<void>;
}

export class LogChannel implements NotificationChannel {
  constructor(private readonly logger: Logger) {}

  async deliver(notifications: OutgoingNotification[]): Promise<void> {
    for (const n of notifications) this.logger.info({ notification: n }, 'notification');
  }
}

/** POSTs each notification as JSON; the receiver de-duplicates by `id`. */
export class WebhookChannel implements NotificationChannel {
  constructor(
    private readonly url: string,
    private readonly logger: Logger,
    private readonly timeoutMs = 5000,
  ) {}

  async deliver(notifications: OutgoingNotification[]): Promise<void> {
    for (const n of notifications) {
      try {
        const response = await fetch(this.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(n),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        if (!response.ok) this.logger.warn({ status: response.status, id: n.id }, 'webhook refused');
      } catch (error) {
        this.logger.warn({ err: error, id: n.id }, 'webhook delivery failed');
      }
    }
  }
}

export const channelFor = (webhookUrl: string | undefined, logger: Logger): NotificationChannel =>
  webhookUrl ? new WebhookChannel(webhookUrl, logger) : new LogChannel(logger);
