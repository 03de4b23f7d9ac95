import { Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ClientRecipient, CryptoModule, FieldCipher } from '@health/core';
import { WECHAT_OPEN_ID_CONTEXT } from '../clients/client-wechat';

/** The field cipher context of `client.phone_cipher` (as ClientsService writes it). */
const PHONE_CONTEXT = 'client.phone';

interface ClientContactRow {
  name: string;
  phoneCipher: string | null;
  wechatOpenIdCipher: string | null;
  deleted: boolean;
  reminderConsent: boolean | null;
}

/** The client half of `NotificationRecipients`: how to reach a client, and whether we may. */
@Injectable()
export class ClientRecipients {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  /**
   * Null when no such client exists in the organisation. Reminder consent is the latest `reminders`
   * decision; a client who never gave one has none. The openid is the one bound through
   * `PUT /clients/{id}/wechat-binding`, decrypted only here, at sending time.
   */
  async client(orgId: string, clientId: string): Promise<ClientRecipient | null> {
    const rows: ClientContactRow[] = await this.dataSource.query(
      `SELECT c.name, c.phone_cipher AS "phoneCipher", c.wechat_open_id_cipher AS "wechatOpenIdCipher", c.deleted_at IS NOT NULL AS deleted,
              (SELECT cc.granted FROM client_consent cc WHERE cc.client_id = c.id AND cc.kind = 'reminders'
               ORDER BY cc.recorded_at DESC, cc.id DESC LIMIT 1) AS "reminderConsent"
       FROM client c WHERE c.org_id = $1 AND c.id = $2`,
      [orgId, clientId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      name: row.name,
      phone: row.phoneCipher ? this.cipher.decrypt(row.phoneCipher, PHONE_CONTEXT) : null,
      wechatOpenId: row.wechatOpenIdCipher ? this.cipher.decrypt(row.wechatOpenIdCipher, WECHAT_OPEN_ID_CONTEXT) : null,
      reminderConsent: row.reminderConsent === true,
      deleted: row.deleted,
    };
  }
}

/** `ClientRecipients` alone, for the notification module of either process. */
@Module({ imports: [CryptoModule], providers: [ClientRecipients], exports: [ClientRecipients] })
export class ClientRecipientsModule {}
