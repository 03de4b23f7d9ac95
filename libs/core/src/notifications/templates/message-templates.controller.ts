import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../auth/access-metadata';
import { Audit } from '../../audit/audit.decorators';
import { ApiErrorResponses } from '../../errors/api-error-responses';
import { IdParamPipe } from '../../http/id-param.pipe';
import { MessageTemplateDto, UpdateMessageTemplateDto } from '../dto/message-template.dto';
import { OrgActor, OrgActorParam } from '../request-actor';
import { MessageTemplateRow } from './message-template.repository';
import { MessageTemplatesService } from './message-templates.service';

function toDto(row: MessageTemplateRow): MessageTemplateDto {
  return { ...row, updatedAt: row.updatedAt.toISOString() };
}

/** The texts of reminders and staff notifications, per code and channel. */
@ApiTags('notifications')
@Audit({ targetType: 'message_template' })
@Controller('v1/message-templates')
export class MessageTemplatesController {
  constructor(private readonly templates: MessageTemplatesService) {}

  @Get()
  @RequirePermissions('follow-ups:manage')
  @ApiOperation({
    operationId: 'listMessageTemplates',
    summary: 'The organisation’s message templates by code and channel',
    description: 'An organisation gets the default templates on its first use.',
  })
  @ApiOkResponse({ type: [MessageTemplateDto] })
  @ApiErrorResponses(401, 403)
  async listMessageTemplates(@OrgActorParam() caller: OrgActor): Promise<MessageTemplateDto[]> {
    return (await this.templates.list(caller.orgId)).map(toDto);
  }

  @Patch(':id')
  @RequirePermissions('follow-ups:manage')
  @ApiOperation({
    operationId: 'updateMessageTemplate',
    summary: 'Change a message template (fields sent)',
    description: 'A malformed placeholder → 400 `MESSAGE_TEMPLATE_INVALID` naming the field.',
  })
  @ApiOkResponse({ type: MessageTemplateDto })
  @ApiErrorResponses(400, 401, 403, 404)
  async updateMessageTemplate(
    @OrgActorParam() caller: OrgActor,
    @Param('id', IdParamPipe) id: string,
    @Body() dto: UpdateMessageTemplateDto,
  ): Promise<MessageTemplateDto> {
    return toDto(await this.templates.update(caller.orgId, id, dto));
  }
}
