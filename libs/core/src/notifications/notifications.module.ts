import { DynamicModule, Module, Type } from '@nestjs/common';
import { NOTIFICATION_CHANNEL_SENDERS, NotificationChannelSender } from './channels/channel-sender';
import { InAppSender } from './channels/in-app.sender';
import { SmsSender } from './channels/sms.sender';
import { WebhookSender } from './channels/webhook.sender';
import { WechatSender } from './channels/wechat.sender';
import { WechatTokenCache } from './channels/wechat-token.cache';
import { InboxController } from './inbox/inbox.controller';
import { NotificationViewsService } from './inbox/notification-views.service';
import { NotificationsController } from './inbox/notifications.controller';
import { NotificationDelivery } from './notification-delivery';
import { NotificationRepository } from './notification.repository';
import { NotificationsProcessor } from './notifications.processor';
import { Notifier } from './notifier';
import { NotificationSettingsController } from './settings/notification-settings.controller';
import { NotificationSettingsRepository } from './settings/notification-settings.repository';
import { NotificationSettingsService } from './settings/notification-settings.service';
import { MessageTemplateRepository } from './templates/message-template.repository';
import { MessageTemplatesController } from './templates/message-templates.controller';
import { MessageTemplatesService } from './templates/message-templates.service';

export interface NotificationsModuleOptions {
  /** A module that provides and exports `NOTIFICATION_RECIPIENTS` (core knows no staff or clients). */
  recipients: Type<unknown> | DynamicModule;
}

/**
 * Notifications: `Notifier` for other modules (global, like the queue), delivery jobs through the
 * in-app, webhook, SMS and WeChat channels, message templates, settings and the inbox API. Needs
 * `QueueModule`, `CryptoModule` and the database.
 */
@Module({})
export class NotificationsModule {
  static forRoot(options: NotificationsModuleOptions): DynamicModule {
    return {
      module: NotificationsModule,
      global: true,
      imports: [options.recipients],
      controllers: [InboxController, NotificationsController, MessageTemplatesController, NotificationSettingsController],
      providers: [
        NotificationRepository,
        NotificationSettingsRepository,
        NotificationSettingsService,
        MessageTemplateRepository,
        MessageTemplatesService,
        NotificationViewsService,
        WechatTokenCache,
        InAppSender,
        WebhookSender,
        SmsSender,
        WechatSender,
        {
          provide: NOTIFICATION_CHANNEL_SENDERS,
          useFactory: (...senders: NotificationChannelSender[]) => senders,
          inject: [InAppSender, WebhookSender, SmsSender, WechatSender],
        },
        NotificationDelivery,
        NotificationsProcessor,
        Notifier,
      ],
      exports: [Notifier, NotificationDelivery],
    };
  }
}
