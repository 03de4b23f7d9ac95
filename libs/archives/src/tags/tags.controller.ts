import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiErrorResponses, Audit, IdParamPipe, RequirePermissions } from '@health/core';
import { CurrentActor } from '@health/iam';
import {
  AddClientTagDto,
  ClientTagsDto,
  CreateTagDto,
  FactCatalogueDto,
  ListTagsQueryDto,
  TagDto,
  TagPreviewDto,
  TagPreviewRequestDto,
  UpdateTagDto,
} from './dto/tag.dto';
import { TagsService } from './tags.service';

/** Tags: manual ones staff assign, and rule tags (a condition over client facts). */
@ApiTags('tags')
@Audit({ targetType: 'tag' })
@Controller('v1/tags')
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  @Get()
  @RequirePermissions('clients:read')
  @ApiOperation({ operationId: 'listTags', summary: 'The organisation’s tags, by category and name' })
  @ApiOkResponse({ type: [TagDto] })
  @ApiErrorResponses(400, 401, 403)
  listTags(@CurrentActor() actor: Actor, @Query() query: ListTagsQueryDto): Promise<TagDto[]> {
    return this.tags.list(actor, query);
  }

  @Post()
  @RequirePermissions('tags:manage')
  @ApiOperation({
    operationId: 'createTag',
    summary: 'Create a manual tag, or a rule tag (with `condition`)',
    description:
      'A rule tag is evaluated against every client in a worker job at once (progress in `reevaluation`). Invalid ' +
      'condition → 400 `TAG_CONDITION_INVALID` naming the path; name taken → 409 `TAG_NAME_TAKEN`.',
  })
  @ApiCreatedResponse({ type: TagDto })
  @ApiErrorResponses(400, 401, 403, 409)
  createTag(@CurrentActor() actor: Actor, @Body() dto: CreateTagDto): Promise<TagDto> {
    return this.tags.create(actor, dto);
  }

  @Get(':id')
  @RequirePermissions('clients:read')
  @ApiOperation({ operationId: 'getTag', summary: 'One tag with its rule and re-evaluation progress' })
  @ApiOkResponse({ type: TagDto })
  @ApiErrorResponses(400, 401, 403, 404)
  getTag(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<TagDto> {
    return this.tags.get(actor, id);
  }

  @Patch(':id')
  @RequirePermissions('tags:manage')
  @ApiOperation({
    operationId: 'updateTag',
    summary: 'Edit a tag; a changed condition is a new rule version and re-evaluates every client',
    description: 'A manual tag cannot become a rule tag or the reverse → 409 `TAG_KIND_FIXED`.',
  })
  @ApiOkResponse({ type: TagDto })
  @ApiErrorResponses(400, 401, 403, 404, 409)
  updateTag(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string, @Body() dto: UpdateTagDto): Promise<TagDto> {
    return this.tags.update(actor, id, dto);
  }

  @Delete(':id')
  @RequirePermissions('tags:manage')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ operationId: 'deleteTag', summary: 'Delete a tag (clients stop showing it; its change history stays)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrorResponses(400, 401, 403, 404)
  async deleteTag(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<void> {
    await this.tags.remove(actor, id);
  }
}

/** The rule side of tags: the facts a condition can read, a dry run, and re-evaluation. */
@ApiTags('tags')
@Audit({ targetType: 'tag' })
@Controller('v1/tag-rules')
export class TagRulesController {
  constructor(private readonly tags: TagsService) {}

  @Get()
  @RequirePermissions('clients:read')
  @ApiOperation({ operationId: 'listTagRules', summary: 'Rule tags with their conditions and re-evaluation progress' })
  @ApiOkResponse({ type: [TagDto] })
  @ApiErrorResponses(401, 403)
  listTagRules(@CurrentActor() actor: Actor): Promise<TagDto[]> {
    return this.tags.list(actor, { kind: 'rule' });
  }

  @Get('facts')
  @RequirePermissions('clients:read')
  @ApiOperation({
    operationId: 'getTagRuleFacts',
    summary: 'The client facts a condition can read (the builder’s field list)',
  })
  @ApiOkResponse({ type: FactCatalogueDto })
  @ApiErrorResponses(401, 403)
  getTagRuleFacts(@CurrentActor() actor: Actor): Promise<FactCatalogueDto> {
    return this.tags.catalogue(actor);
  }

  @Post('preview')
  @RequirePermissions('tags:manage')
  @HttpCode(HttpStatus.OK)
  @Audit({ skip: true })
  @ApiOperation({
    operationId: 'previewTagRule',
    summary: 'How many clients a condition matches now (nothing is saved)',
    description: 'Evaluated over the stored facts of every live client that has any.',
  })
  @ApiOkResponse({ type: TagPreviewDto })
  @ApiErrorResponses(400, 401, 403)
  previewTagRule(@CurrentActor() actor: Actor, @Body() dto: TagPreviewRequestDto): Promise<TagPreviewDto> {
    return this.tags.preview(actor, dto.condition);
  }

  @Post(':id/reevaluate')
  @RequirePermissions('tags:manage')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ operationId: 'reevaluateTagRule', summary: 'Re-evaluate a rule against every client (worker job)' })
  @ApiOkResponse({ type: TagDto })
  @ApiErrorResponses(400, 401, 403, 404, 409)
  reevaluateTagRule(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<TagDto> {
    return this.tags.requestReevaluation(actor, id);
  }
}

/** A client's tags with their evidence, and the manual tags staff add and remove. */
@ApiTags('tags')
@Audit({ targetType: 'client' })
@Controller('v1/clients/:id/tags')
export class ClientTagsController {
  constructor(private readonly tags: TagsService) {}

  @Get()
  @RequirePermissions('clients:read')
  @ApiOperation({ operationId: 'getClientTags', summary: 'A client’s tags with evidence, and recent tag changes' })
  @ApiOkResponse({ type: ClientTagsDto })
  @ApiErrorResponses(400, 401, 403, 404)
  getClientTags(@Param('id', IdParamPipe) id: string): Promise<ClientTagsDto> {
    return this.tags.clientTags(id);
  }

  @Post()
  @RequirePermissions('clients:write')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    operationId: 'addClientTag',
    summary: 'Put a manual tag on a client (again: no change)',
    description: 'Rule tags follow their rule → 409 `TAG_IS_RULE_BASED`.',
  })
  @ApiOkResponse({ type: ClientTagsDto })
  @ApiErrorResponses(400, 401, 403, 404, 409)
  addClientTag(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Body() dto: AddClientTagDto,
  ): Promise<ClientTagsDto> {
    return this.tags.addClientTag(actor, id, dto);
  }

  @Delete(':tagId')
  @RequirePermissions('clients:write')
  @ApiOperation({ operationId: 'removeClientTag', summary: 'Take a manual tag off a client' })
  @ApiOkResponse({ type: ClientTagsDto })
  @ApiErrorResponses(400, 401, 403, 404, 409)
  removeClientTag(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Param('tagId', IdParamPipe) tagId: string,
  ): Promise<ClientTagsDto> {
    return this.tags.removeClientTag(actor, id, tagId);
  }
}
