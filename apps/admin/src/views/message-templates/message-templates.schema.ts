import type { MessageTemplate, MessageTemplateUpdate, NotificationChannel } from '@/api/types';
import type { FieldOption, TableColumn } from '@/components/schema';
import { t } from '@/i18n';
import { formatDateTime } from '@/utils/format';

export const CHANNELS: readonly NotificationChannel[] = ['in_app', 'webhook', 'sms', 'wechat'];

export const channelOptions = (): FieldOption[] =>
  CHANNELS.map((channel) => ({ value: channel, label: t(`notifications.channels.${channel}`) }));

export const messageTemplateColumns: TableColumn<MessageTemplate>[] = [
  { key: 'code', labelKey: 'notifications.templates.code', width: 200, slot: true },
  { key: 'channel', labelKey: 'notifications.channel', width: 110, slot: true },
  { key: 'textZh', labelKey: 'notifications.templates.textZh', minWidth: 320 },
  { key: 'active', labelKey: 'common.status', width: 90, slot: true },
  { key: 'updatedAt', labelKey: 'notifications.templates.updatedAt', width: 160, text: (row) => formatDateTime(row.updatedAt) },
  { key: 'actions', labelKey: 'common.actions', width: 90, fixed: 'right', slot: true },
];

/** By code, then in the channel order above. */
export function sortTemplates(templates: readonly MessageTemplate[]): MessageTemplate[] {
  return [...templates].sort((a, b) => a.code.localeCompare(b.code) || CHANNELS.indexOf(a.channel) - CHANNELS.indexOf(b.channel));
}

/** Every message may use these (API: always available). */
const BUILT_IN_VARIABLES = ['orgName', 'recipientName'];
/** Follow-up messages (codes `follow-up.*`) also get these (API: message template text description). */
const FOLLOW_UP_VARIABLES = ['clientName', 'method', 'dueDate'];
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * The `{{variables}}` a template may use: the API documents the built-in ones and those of follow-up
 * messages but lists none per template, so any other variable the stored text already uses is added.
 */
export function templateVariables(template: Pick<MessageTemplate, 'code' | 'textZh' | 'wechatFields'>): string[] {
  const names = new Set(BUILT_IN_VARIABLES);
  if (template.code.startsWith('follow-up.')) FOLLOW_UP_VARIABLES.forEach((name) => names.add(name));
  for (const text of [template.textZh, ...Object.values(template.wechatFields)])
    for (const match of text.matchAll(PLACEHOLDER)) names.add(match[1]!);
  return [...names];
}

/** How a variable is written in a text: `{{name}}`. */
export const placeholderOf = (name: string): string => `{{${name}}}`;

/** A row of the WeChat field mapping editor. */
export interface FieldRow {
  key: string;
  value: string;
}

export interface MessageTemplateFormModel {
  textZh: string;
  wechatTemplateId: string;
  fieldRows: FieldRow[];
  active: boolean;
}

export function messageTemplateFormModel(template: MessageTemplate): MessageTemplateFormModel {
  return {
    textZh: template.textZh,
    wechatTemplateId: template.wechatTemplateId ?? '',
    fieldRows: Object.entries(template.wechatFields).map(([key, value]) => ({ key, value })),
    active: template.active,
  };
}

/** The mapping rows as the API's object; rows without a key are left out, the last of a repeated key wins. */
export function fieldRowsToMapping(rows: readonly FieldRow[]): Record<string, string> {
  return Object.fromEntries(rows.filter((row) => row.key.trim() !== '').map((row) => [row.key.trim(), row.value]));
}

/** Keys entered more than once (shown as an error: the mapping is an object). */
export function duplicateKeys(rows: readonly FieldRow[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const row of rows) {
    const key = row.key.trim();
    if (key && seen.has(key)) repeated.add(key);
    seen.add(key);
  }
  return [...repeated];
}

/** The PATCH body; the WeChat id and mapping only for the WeChat channel, where they mean something. */
export function messageTemplateRequestBody(channel: NotificationChannel, model: MessageTemplateFormModel): MessageTemplateUpdate {
  const body: MessageTemplateUpdate = { textZh: model.textZh.trim(), active: model.active };
  if (channel === 'wechat') {
    body.wechatTemplateId = model.wechatTemplateId.trim() || null;
    body.wechatFields = fieldRowsToMapping(model.fieldRows);
  }
  return body;
}
