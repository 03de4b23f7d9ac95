import type { ErrorDetail, NotificationSettings, NotificationSettingsUpdate } from '@/api/types';
import { i18n, t } from '@/i18n';

/** The form: every text field as a string; an empty one means "not set" (or, for the zone, the organisation's). */
export interface SettingsFormModel {
  quietStart: string;
  quietEnd: string;
  timeZone: string;
  webhookUrl: string;
  webhookSecret: string;
  smsGatewayUrl: string;
  smsToken: string;
  wechatAppId: string;
  wechatSecret: string;
  wechatApiBase: string;
}

/** Fields whose stored value is shown and sent back only when changed. */
const PLAIN_FIELDS = ['timeZone', 'webhookUrl', 'smsGatewayUrl', 'wechatAppId', 'wechatApiBase'] as const;
/** Write-only fields: the API only says whether they are set, and they are sent only when typed. */
export const SECRET_FIELDS = ['webhookSecret', 'smsToken', 'wechatSecret'] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];

export const SECRET_CONFIGURED: Record<SecretField, keyof NotificationSettings> = {
  webhookSecret: 'webhookSecretConfigured',
  smsToken: 'smsTokenConfigured',
  wechatSecret: 'wechatSecretConfigured',
};

/** The form as loaded: secrets always start empty; the organisation's own zone is shown as empty. */
export function settingsFormModel(settings: NotificationSettings): SettingsFormModel {
  return {
    quietStart: settings.quietStart,
    quietEnd: settings.quietEnd,
    timeZone: settings.timeZoneIsDefault ? '' : settings.timeZone,
    webhookUrl: settings.webhookUrl ?? '',
    webhookSecret: '',
    smsGatewayUrl: settings.smsGatewayUrl ?? '',
    smsToken: '',
    wechatAppId: settings.wechatAppId ?? '',
    wechatSecret: '',
    wechatApiBase: settings.wechatApiBase,
  };
}

/**
 * The PUT body: only what changed since `loaded`. A cleared field is sent as `null` (the API then
 * clears it, or falls back on the default zone / WeChat base URL); a secret only when something was
 * typed, so saving the quiet hours never touches a stored secret.
 */
export function settingsRequestBody(model: SettingsFormModel, loaded: SettingsFormModel): NotificationSettingsUpdate {
  const body: NotificationSettingsUpdate = {};
  if (model.quietStart !== loaded.quietStart) body.quietStart = model.quietStart;
  if (model.quietEnd !== loaded.quietEnd) body.quietEnd = model.quietEnd;
  for (const field of PLAIN_FIELDS) {
    const value = model[field].trim();
    if (value !== loaded[field].trim()) body[field] = value === '' ? null : value;
  }
  for (const field of SECRET_FIELDS) {
    if (model[field].trim() !== '') body[field] = model[field];
  }
  return body;
}

/** Error codes of the API's validation (class-validator constraint names) with a message of their own. */
const KNOWN_CODES = ['isUrl', 'matches', 'maxLength', 'isNotEmpty', 'invalid'];

/** A 400's `details` as a message per form field; details naming no field of the form go to `other`. */
export function settingsFieldErrors(details: readonly ErrorDetail[]): {
  fields: Partial<Record<keyof SettingsFormModel, string>>;
  other: string[];
} {
  const known = new Set<string>(['quietStart', 'quietEnd', ...PLAIN_FIELDS, ...SECRET_FIELDS]);
  const fields: Partial<Record<keyof SettingsFormModel, string>> = {};
  const other: string[] = [];
  for (const detail of details) {
    const message =
      detail.code && KNOWN_CODES.includes(detail.code) && i18n.global.te(`notifications.settings.errors.${detail.code}`)
        ? t(`notifications.settings.errors.${detail.code}`)
        : detail.message;
    if (detail.field && known.has(detail.field)) fields[detail.field as keyof SettingsFormModel] ??= message;
    else other.push(message);
  }
  return { fields, other };
}

/** Time zones the browser knows, for the picker (the API checks the name against its own list). */
export function timeZoneOptions(): string[] {
  return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['Asia/Shanghai'];
}
