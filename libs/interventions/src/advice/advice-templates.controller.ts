import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiErrorResponses, Audit, IdParamPipe, RequirePermissions } from '@health/core';
import { CurrentActor } from '@health/iam';
import { AdviceTemplatesService } from './advice-templates.service';
import {
  AdviceTemplateDto,
  CreateAdviceTemplateDto,
  ListAdviceTemplatesQueryDto,
  UpdateAdviceTemplateDto,
} from './dto/advice-template.dto';

/** The advice library: templates chosen for a client when their condition holds on its facts. */
@ApiTags('advice')
@Audit({ targetType: 'advice_template' })
@Controller('v1/advice-templates')
export class AdviceTemplatesController {
  constructor(private readonly templates: AdviceTemplatesService) {}

  @Get()
  @RequirePermissions('interventions:read')
  @ApiOperation({
    operationId: 'listAdviceTemplates',
    summary: 'The organisation’s advice templates, by category and priority',
    description: 'An organisation gets the seeded starter library on its first use.',
  })
  @ApiOkResponse({ type: [AdviceTemplateDto] })
  @ApiErrorResponses(400, 401, 403)
  listAdviceTemplates(@CurrentActor() actor: Actor, @Query() query: ListAdviceTemplatesQueryDto): Promise<AdviceTemplateDto[]> {
    return this.templates.list(actor, query);
  }

  @Post()
  @RequirePermissions('interventions:write')
  @ApiOperation({
    operationId: 'createAdviceTemplate',
    summary: 'Add an advice template',
    description: 'Invalid condition → 400 `ADVICE_CONDITION_INVALID` naming the path inside the condition.',
  })
  @ApiCreatedResponse({ type: AdviceTemplateDto })
  @ApiErrorResponses(400, 401, 403)
  createAdviceTemplate(@CurrentActor() actor: Actor, @Body() dto: CreateAdviceTemplateDto): Promise<AdviceTemplateDto> {
    return this.templates.create(actor, dto);
  }

  @Get(':id')
  @RequirePermissions('interventions:read')
  @ApiOperation({ operationId: 'getAdviceTemplate', summary: 'One advice template' })
  @ApiOkResponse({ type: AdviceTemplateDto })
  @ApiErrorResponses(400, 401, 403, 404)
  getAdviceTemplate(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<AdviceTemplateDto> {
    return this.templates.get(actor, id);
  }

  @Patch(':id')
  @RequirePermissions('interventions:write')
  @ApiOperation({
    operationId: 'updateAdviceTemplate',
    summary: 'Change an advice template (fields sent); new text or condition is a new version',
    description: 'Clients’ sets follow at their next regeneration; items staff edited keep their text.',
  })
  @ApiOkResponse({ type: AdviceTemplateDto })
  @ApiErrorResponses(400, 401, 403, 404)
  updateAdviceTemplate(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Body() dto: UpdateAdviceTemplateDto,
  ): Promise<AdviceTemplateDto> {
    return this.templates.update(actor, id, dto);
  }

  @Delete(':id')
  @RequirePermissions('interventions:write')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    operationId: 'deleteAdviceTemplate',
    summary: 'Delete an advice template (its unedited items leave clients’ sets at their next regeneration)',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrorResponses(400, 401, 403, 404)
  async deleteAdviceTemplate(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<void> {
    await this.templates.remove(actor, id);
  }
}
