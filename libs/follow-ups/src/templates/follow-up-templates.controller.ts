import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiErrorResponses, Audit, IdParamPipe, RequirePermissions } from '@health/core';
import { CurrentActor } from '@health/iam';
import {
  CreateFollowUpTemplateDto,
  FollowUpTemplateDto,
  FollowUpTemplateVersionDto,
  ListFollowUpTemplatesQueryDto,
  TemplatePreviewDto,
  TemplatePreviewRequestDto,
  UpdateFollowUpTemplateDto,
} from './dto/follow-up-template.dto';
import { FollowUpTemplatesService } from './follow-up-templates.service';

/** Follow-up templates: trigger, condition and steps from which plans start. */
@ApiTags('follow-ups')
@Audit({ targetType: 'follow_up_template' })
@Controller('v1/follow-up-templates')
export class FollowUpTemplatesController {
  constructor(private readonly templates: FollowUpTemplatesService) {}

  @Get()
  @RequirePermissions('follow-ups:read')
  @ApiOperation({
    operationId: 'listFollowUpTemplates',
    summary: 'The organisation’s follow-up templates, by name',
    description: 'An organisation gets the seeded templates (检后随访, 高血压/糖尿病慢病随访, 新卡欢迎电话) on first use.',
  })
  @ApiOkResponse({ type: [FollowUpTemplateDto] })
  @ApiErrorResponses(400, 401, 403)
  listFollowUpTemplates(
    @CurrentActor() actor: Actor,
    @Query() query: ListFollowUpTemplatesQueryDto,
  ): Promise<FollowUpTemplateDto[]> {
    return this.templates.list(actor, query);
  }

  @Post()
  @RequirePermissions('follow-ups:manage')
  @ApiOperation({
    operationId: 'createFollowUpTemplate',
    summary: 'Add a follow-up template',
    description:
      'Any problem in trigger, condition or steps → 400 `FOLLOW_UP_TEMPLATE_INVALID` naming each path (`steps[1].offset`).',
  })
  @ApiCreatedResponse({ type: FollowUpTemplateDto })
  @ApiErrorResponses(400, 401, 403)
  createFollowUpTemplate(@CurrentActor() actor: Actor, @Body() dto: CreateFollowUpTemplateDto): Promise<FollowUpTemplateDto> {
    return this.templates.create(actor, dto);
  }

  @Post('preview')
  @RequirePermissions('follow-ups:read')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ operationId: 'previewFollowUpSteps', summary: 'The task timeline steps would give from a trigger moment' })
  @ApiOkResponse({ type: TemplatePreviewDto })
  @ApiErrorResponses(400, 401, 403)
  previewFollowUpSteps(@Body() dto: TemplatePreviewRequestDto): TemplatePreviewDto {
    return this.templates.preview(dto);
  }

  @Get(':id')
  @RequirePermissions('follow-ups:read')
  @ApiOperation({ operationId: 'getFollowUpTemplate', summary: 'One follow-up template' })
  @ApiOkResponse({ type: FollowUpTemplateDto })
  @ApiErrorResponses(400, 401, 403, 404)
  getFollowUpTemplate(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<FollowUpTemplateDto> {
    return this.templates.get(actor, id);
  }

  @Get(':id/versions')
  @RequirePermissions('follow-ups:read')
  @ApiOperation({ operationId: 'listFollowUpTemplateVersions', summary: 'The definitions a template had, newest first' })
  @ApiOkResponse({ type: [FollowUpTemplateVersionDto] })
  @ApiErrorResponses(400, 401, 403, 404)
  listFollowUpTemplateVersions(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
  ): Promise<FollowUpTemplateVersionDto[]> {
    return this.templates.versions(actor, id);
  }

  @Patch(':id')
  @RequirePermissions('follow-ups:manage')
  @ApiOperation({
    operationId: 'updateFollowUpTemplate',
    summary: 'Change a template (fields sent); a changed definition is a new version',
    description: 'Plans already started keep their tasks; plans started afterwards follow the new version.',
  })
  @ApiOkResponse({ type: FollowUpTemplateDto })
  @ApiErrorResponses(400, 401, 403, 404)
  updateFollowUpTemplate(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Body() dto: UpdateFollowUpTemplateDto,
  ): Promise<FollowUpTemplateDto> {
    return this.templates.update(actor, id, dto);
  }

  @Delete(':id')
  @RequirePermissions('follow-ups:manage')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ operationId: 'deleteFollowUpTemplate', summary: 'Delete a template (running plans keep their tasks)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrorResponses(400, 401, 403, 404)
  async deleteFollowUpTemplate(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<void> {
    await this.templates.remove(actor, id);
  }
}
