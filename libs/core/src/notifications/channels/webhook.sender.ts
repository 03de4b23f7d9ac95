import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Delivery, failed, NotificationChannelSender, SendOutcome, sent } from './channel-sender';
import { HttpCallError, httpCall, isSuccess } from './http-call';

/** `sha256=<hex HMAC-SHA256 of the raw body>`, what receivers compare against `X-Signature`. */
export function webhookSignature(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

/** What a webhook receiver gets: enough to deliver the message itself (SMS middleware, WeChat bridge). */
export function webhookBody(delivery: Delivery): Record<string, unknown> {
  const { notification } = delivery;
  return {
    id: notification.id,
    orgId: notification.orgId,
    template: notification.template,
    audience: notification.audience,
    recipient:
      notification.audience === 'staff'
        ? { type: 'staff', id: notification.userId }
        : { type: 'client', id: notification.clientId, phone: delivery.client?.phone ?? null },
    text: delivery.text,
    variables: delivery.variables,
    createdAt: notification.createdAt.toISOString(),
  };
}

/** A signed JSON POST to the organisation's webhook; 2xx is sent, anything else is tried again. */
@Injectable()
export class WebhookSender implements NotificationChannelSender {
  readonly channel = 'webhook' as const;

  async send(delivery: Delivery): Promise<SendOutcome> {
    const webhook = delivery.settings.webhook;
    if (!webhook) return failed('webhook_not_configured', false);
    const body = JSON.stringify(webhookBody(delivery));
    try {
      const answer = await httpCall(webhook.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'X-Signature': webhookSignature(webhook.secret, body),
          'X-Notification-Id': delivery.notification.id,
        },
        body,
      });
      return isSuccess(answer.status) ? sent(answer.status) : failed(`http_${answer.status}`, true, answer.status);
    } catch (err) {
      if (err instanceof HttpCallError) return failed(err.reason, true);
      throw err;
    }
  }
}
