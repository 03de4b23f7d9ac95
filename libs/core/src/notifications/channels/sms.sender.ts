import { Injectable } from '@nestjs/common';
import { Delivery, failed, NotificationChannelSender, SendOutcome, sent } from './channel-sender';
import { HttpCallError, httpCall, isSuccess } from './http-call';

/** SMS through the organisation's HTTP gateway: `POST {phone, text}` with its bearer token. */
@Injectable()
export class SmsSender implements NotificationChannelSender {
  readonly channel = 'sms' as const;

  async send(delivery: Delivery): Promise<SendOutcome> {
    const gateway = delivery.settings.sms;
    if (!gateway) return failed('sms_not_configured', false);
    const phone = delivery.client?.phone;
    if (!phone) return failed('no_phone', false);
    try {
      const answer = await httpCall(gateway.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          Authorization: `Bearer ${gateway.token}`,
          'X-Notification-Id': delivery.notification.id,
        },
        body: JSON.stringify({ phone, text: delivery.text }),
      });
      return isSuccess(answer.status) ? sent(answer.status) : failed(`http_${answer.status}`, true, answer.status);
    } catch (err) {
      if (err instanceof HttpCallError) return failed(err.reason, true);
      throw err;
    }
  }
}
