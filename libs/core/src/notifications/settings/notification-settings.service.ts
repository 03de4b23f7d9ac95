import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { FieldCipher } from '../../crypto/field-cipher';
import { DomainError } from '../../errors/domain-error';
import { QuietHours } from '../quiet-hours';
import { NotificationSettingsRepository, SettingsChange, StoredNotificationSettings } from './notification-settings.repository';

/** WeChat's public API; an organisation (or a test) may point elsewhere, e.g. at a proxy. */
export const DEFAULT_WECHAT_API_BASE = 'https://api.weixin.qq.com';

/** Field cipher contexts: a secret copied into another column does not decrypt there. */
const SECRET_CONTEXT = {
  webhookSecret: 'notification_setting.webhook_secret',
  smsToken: 'notification_setting.sms_token',
  wechatSecret: 'notification_setting.wechat_secret',
} as const;

/** What the channels need, secrets decrypted; only ever held in memory while delivering. */
export interface ChannelSettings {
  orgName: string;
  quietHours: QuietHours;
  webhook: { url: string; secret: string } | null;
  sms: { url: string; token: string } | null;
  wechat: { appId: string; secret: string; apiBase: string } | null;
}

/** What the API shows: secrets only as whether they are set. */
export interface SettingsView {
  quietStart: string;
  quietEnd: string;
  timeZone: string;
  timeZoneIsDefault: boolean;
  webhookUrl: string | null;
  webhookSecretConfigured: boolean;
  smsGatewayUrl: string | null;
  smsTokenConfigured: boolean;
  wechatAppId: string | null;
  wechatSecretConfigured: boolean;
  wechatApiBase: string;
}

/** A change from the API: undefined keeps a value, null clears it, a string sets it. */
export interface SettingsInput {
  quietStart?: string;
  quietEnd?: string;
  timeZone?: string | null;
  webhookUrl?: string | null;
  webhookSecret?: string | null;
  smsGatewayUrl?: string | null;
  smsToken?: string | null;
  wechatAppId?: string | null;
  wechatSecret?: string | null;
  wechatApiBase?: string | null;
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An organisation's quiet hours and channel credentials: defaults, encryption of secrets, validation. */
@Injectable()
export class NotificationSettingsService {
  constructor(
    private readonly settings: NotificationSettingsRepository,
    private readonly cipher: FieldCipher,
    private readonly config: AppConfig,
  ) {}

  async forDelivery(orgId: string, manager?: EntityManager): Promise<ChannelSettings | null> {
    const stored = await this.settings.find(orgId, manager);
    if (!stored) return null;
    const decrypt = (value: string | null, context: string) => (value === null ? null : this.cipher.decrypt(value, context));
    const webhookSecret = decrypt(stored.webhookSecretCipher, SECRET_CONTEXT.webhookSecret);
    const smsToken = decrypt(stored.smsTokenCipher, SECRET_CONTEXT.smsToken);
    const wechatSecret = decrypt(stored.wechatSecretCipher, SECRET_CONTEXT.wechatSecret);
    return {
      orgName: stored.orgName,
      quietHours: { start: stored.quietStart, end: stored.quietEnd, timeZone: this.zoneOf(stored) },
      webhook: stored.webhookUrl && webhookSecret ? { url: stored.webhookUrl, secret: webhookSecret } : null,
      sms: stored.smsGatewayUrl && smsToken ? { url: stored.smsGatewayUrl, token: smsToken } : null,
      wechat:
        stored.wechatAppId && wechatSecret
          ? {
              appId: stored.wechatAppId,
              secret: wechatSecret,
              apiBase: (stored.wechatApiBase ?? DEFAULT_WECHAT_API_BASE).replace(/\/+$/, ''),
            }
          : null,
    };
  }

  async view(orgId: string): Promise<SettingsView> {
    const stored = await this.settings.find(orgId);
    if (!stored) throw DomainError.notFound('ORGANISATION_NOT_FOUND', 'Organisation not found');
    return {
      quietStart: stored.quietStart,
      quietEnd: stored.quietEnd,
      timeZone: this.zoneOf(stored),
      timeZoneIsDefault: stored.ownTimeZone === null,
      webhookUrl: stored.webhookUrl,
      webhookSecretConfigured: stored.webhookSecretCipher !== null,
      smsGatewayUrl: stored.smsGatewayUrl,
      smsTokenConfigured: stored.smsTokenCipher !== null,
      wechatAppId: stored.wechatAppId,
      wechatSecretConfigured: stored.wechatSecretCipher !== null,
      wechatApiBase: stored.wechatApiBase ?? DEFAULT_WECHAT_API_BASE,
    };
  }

  async update(orgId: string, input: SettingsInput): Promise<SettingsView> {
    if (input.timeZone && !isTimeZone(input.timeZone)) {
      throw DomainError.badRequest('VALIDATION_FAILED', 'Request validation failed', [
        { field: 'timeZone', code: 'invalid', message: 'timeZone must be an IANA time zone such as Asia/Shanghai' },
      ]);
    }
    const encrypt = (value: string | null | undefined, context: string) =>
      value === undefined || value === null ? value : this.cipher.encrypt(value, context);
    const change: SettingsChange = {
      quietStart: input.quietStart,
      quietEnd: input.quietEnd,
      ownTimeZone: input.timeZone,
      webhookUrl: input.webhookUrl,
      webhookSecretCipher: encrypt(input.webhookSecret, SECRET_CONTEXT.webhookSecret),
      smsGatewayUrl: input.smsGatewayUrl,
      smsTokenCipher: encrypt(input.smsToken, SECRET_CONTEXT.smsToken),
      wechatAppId: input.wechatAppId,
      wechatSecretCipher: encrypt(input.wechatSecret, SECRET_CONTEXT.wechatSecret),
      wechatApiBase: input.wechatApiBase,
    };
    await this.settings.save(orgId, change);
    return this.view(orgId);
  }

  private zoneOf(stored: StoredNotificationSettings): string {
    return stored.timeZone && isTimeZone(stored.timeZone) ? stored.timeZone : this.config.tzDefault;
  }
}
