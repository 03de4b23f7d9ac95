import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiErrorResponses, Audit, IdParamPipe, RequirePermissions } from '@health/core';
import { CurrentActor } from '@health/iam';
import { CardTypesService } from './card-types.service';
import { CardTypeDto, CardTypePageDto, CreateCardTypeDto, ListCardTypesQueryDto, UpdateCardTypeDto } from './dto/card-type.dto';

@ApiTags('card-types')
@Audit({ targetType: 'card_type' })
@Controller('v1/card-types')
export class CardTypesController {
  constructor(private readonly cardTypes: CardTypesService) {}

  @Get()
  @RequirePermissions('cards:read')
  @ApiOperation({ operationId: 'listCardTypes', summary: 'Card types of the organisation, newest first' })
  @ApiOkResponse({ type: CardTypePageDto })
  @ApiErrorResponses(400, 401, 403)
  listCardTypes(@CurrentActor() actor: Actor, @Query() query: ListCardTypesQueryDto): Promise<CardTypePageDto> {
    return this.cardTypes.list(actor, query);
  }

  @Get(':id')
  @RequirePermissions('cards:read')
  @ApiOperation({ operationId: 'getCardType', summary: 'One card type' })
  @ApiOkResponse({ type: CardTypeDto })
  @ApiErrorResponses(400, 401, 403, 404)
  getCardType(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<CardTypeDto> {
    return this.cardTypes.get(actor, id);
  }

  @Post()
  @RequirePermissions('cards:write')
  @ApiOperation({
    operationId: 'createCardType',
    summary: 'Create a card type with its service package',
    description: 'A service code listed twice → 400 `VALIDATION_FAILED` (detail code `duplicate`).',
  })
  @ApiCreatedResponse({ type: CardTypeDto })
  @ApiErrorResponses(400, 401, 403)
  createCardType(@CurrentActor() actor: Actor, @Body() dto: CreateCardTypeDto): Promise<CardTypeDto> {
    return this.cardTypes.create(actor, dto);
  }

  @Patch(':id')
  @RequirePermissions('cards:write')
  @ApiOperation({
    operationId: 'updateCardType',
    summary: 'Change a card type',
    description: 'Existing cards keep the services and dates they were opened with; renewals use the new package.',
  })
  @ApiOkResponse({ type: CardTypeDto })
  @ApiErrorResponses(400, 401, 403, 404)
  updateCardType(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Body() dto: UpdateCardTypeDto,
  ): Promise<CardTypeDto> {
    return this.cardTypes.update(actor, id, dto);
  }
}
