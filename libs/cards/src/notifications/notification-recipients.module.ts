import { Module } from '@nestjs/common';
import { NOTIFICATION_RECIPIENTS, NotificationRecipients } from '@health/core';
import { StaffRecipients, StaffRecipientsModule } from '@health/iam';
import { ClientRecipients, ClientRecipientsModule } from './client-recipients';

/**
 * Who notifications go to: staff from IAM, clients from cards. Core cannot import either; cards may
 * import IAM, so the two are joined here under the token `NotificationsModule` asks for.
 */
@Module({
  imports: [StaffRecipientsModule, ClientRecipientsModule],
  providers: [
    {
      provide: NOTIFICATION_RECIPIENTS,
      useFactory: (staff: StaffRecipients, clients: ClientRecipients): NotificationRecipients => ({
        staff: (orgId, userId) => staff.staff(orgId, userId),
        client: (orgId, clientId) => clients.client(orgId, clientId),
      }),
      inject: [StaffRecipients, ClientRecipients],
    },
  ],
  exports: [NOTIFICATION_RECIPIENTS],
})
export class NotificationRecipientsModule {}
