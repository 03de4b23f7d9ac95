import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiErrorResponses, Audit, IdParamPipe, RequirePermissions } from '@health/core';
import { CurrentActor } from '@health/iam';
import { ClientAdviceService } from './client-advice.service';
import { ClientAdviceDto, FinalizeClientAdviceDto, ReplaceClientAdviceDto } from './dto/client-advice.dto';

/** A client's advice set (健康建议): generated, edited by staff, approved for sending or printing. */
@ApiTags('advice')
@Audit({ targetType: 'client' })
@Controller('v1/clients/:id/advice')
export class ClientAdviceController {
  constructor(private readonly advice: ClientAdviceService) {}

  @Get()
  @RequirePermissions('interventions:read')
  @ApiOperation({
    operationId: 'getClientAdvice',
    summary: 'A client’s advice set (generated from the matching templates on the first read)',
  })
  @ApiOkResponse({ type: ClientAdviceDto })
  @ApiErrorResponses(400, 401, 403, 404)
  getClientAdvice(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<ClientAdviceDto> {
    return this.advice.get(actor, id);
  }

  @Put()
  @RequirePermissions('interventions:write')
  @ApiOperation({
    operationId: 'replaceClientAdvice',
    summary: 'Save the set as staff edited it: the full ordered item list',
    description:
      'Items with an id keep their identity (a changed text marks a template item edited: regeneration keeps it); items ' +
      'without id are added by staff; items left out are hidden and never come back by regeneration. `revision` must be ' +
      'the current one → otherwise 409 `ADVICE_SET_STALE`. Unknown item id → 400 `ADVICE_ITEM_UNKNOWN`.',
  })
  @ApiOkResponse({ type: ClientAdviceDto })
  @ApiErrorResponses(400, 401, 403, 404, 409)
  replaceClientAdvice(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Body() dto: ReplaceClientAdviceDto,
  ): Promise<ClientAdviceDto> {
    return this.advice.replace(actor, id, dto);
  }

  @Post('regenerate')
  @RequirePermissions('interventions:write')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    operationId: 'regenerateClientAdvice',
    summary: 'Regenerate from the client’s current facts, keeping staff edits (same facts: no change)',
  })
  @ApiOkResponse({ type: ClientAdviceDto })
  @ApiErrorResponses(400, 401, 403, 404)
  regenerateClientAdvice(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<ClientAdviceDto> {
    return this.advice.regenerate(actor, id);
  }

  @Post('finalize')
  @RequirePermissions('interventions:write')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    operationId: 'finalizeClientAdvice',
    summary: 'Approve the set for sending or printing; any later change makes it a draft again',
    description: '`revision` is the one the approver saw → otherwise 409 `ADVICE_SET_STALE`.',
  })
  @ApiOkResponse({ type: ClientAdviceDto })
  @ApiErrorResponses(400, 401, 403, 404, 409)
  finalizeClientAdvice(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Body() dto: FinalizeClientAdviceDto,
  ): Promise<ClientAdviceDto> {
    return this.advice.finalize(actor, id, dto);
  }
}
