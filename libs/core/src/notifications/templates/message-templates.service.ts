import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DomainError, ErrorDetail } from '../../errors/domain-error';
import { NotificationChannel } from '../notification.types';
import { DEFAULT_MESSAGE_TEMPLATES } from './default-templates';
import { MessageTemplateChange, MessageTemplateRepository, MessageTemplateRow } from './message-template.repository';
import { isWellFormedTemplate } from './template-render';

/**
 * Message templates per organisation: the defaults are added to every organisation at start and to
 * one created later on its first use, never over an edited template.
 */
@Injectable()
export class MessageTemplatesService implements OnApplicationBootstrap {
  private readonly logger = new Logger('MessageTemplates');
  /** Organisations this process knows to have the defaults: the check costs a query per organisation. */
  private readonly seeded = new Set<string>();

  constructor(private readonly templates: MessageTemplateRepository) {}

  async onApplicationBootstrap(): Promise<void> {
    const added = await this.templates.insertDefaults(DEFAULT_MESSAGE_TEMPLATES);
    if (added > 0) this.logger.log(`message templates: ${added} default template(s) added`);
  }

  async ensureSeeded(orgId: string): Promise<void> {
    if (this.seeded.has(orgId)) return;
    await this.templates.insertDefaults(DEFAULT_MESSAGE_TEMPLATES, orgId);
    this.seeded.add(orgId);
  }

  async list(orgId: string): Promise<MessageTemplateRow[]> {
    await this.ensureSeeded(orgId);
    return this.templates.list(orgId);
  }

  /** The template a notification renders with; null when the organisation has none for the channel. */
  async forChannel(orgId: string, code: string, channel: NotificationChannel): Promise<MessageTemplateRow | null> {
    await this.ensureSeeded(orgId);
    return this.templates.find(orgId, code, channel);
  }

  async update(orgId: string, id: string, change: MessageTemplateChange): Promise<MessageTemplateRow> {
    const existing = await this.templates.findById(orgId, id);
    if (!existing) throw DomainError.notFound('MESSAGE_TEMPLATE_NOT_FOUND', 'Message template not found');
    const problems: ErrorDetail[] = [];
    if (change.textZh !== undefined && !isWellFormedTemplate(change.textZh))
      problems.push({ field: 'textZh', code: 'malformed_placeholder', message: 'Placeholders look like {{variableName}}' });
    for (const [field, text] of Object.entries(change.wechatFields ?? {})) {
      if (!isWellFormedTemplate(text))
        problems.push({
          field: `wechatFields.${field}`,
          code: 'malformed_placeholder',
          message: 'Placeholders look like {{variableName}}',
        });
    }
    if (problems.length > 0) throw DomainError.badRequest('MESSAGE_TEMPLATE_INVALID', 'The template text is not valid', problems);
    await this.templates.update(orgId, id, change);
    return (await this.templates.findById(orgId, id))!;
  }
}
