import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, ApiErrorResponses, Audit, IdParamPipe, RequirePermissions } from '@health/core';
import { CurrentActor } from '@health/iam';
import { CardsService } from './cards.service';
import {
  CardDto,
  CardFaceQueryDto,
  CardHistoryEntryDto,
  CardPageDto,
  CardReasonDto,
  ConsumeCardServiceDto,
  ListCardsQueryDto,
  OpenCardDto,
} from './dto/card.dto';

const TRANSITION_ERRORS =
  'Not allowed from the current status → 409 `CARD_INVALID_TRANSITION` (details name `fromStatus` and `toStatus`).';

@ApiTags('cards')
@Audit({ targetType: 'card' })
@Controller('v1/cards')
export class CardsController {
  constructor(private readonly cards: CardsService) {}

  @Get()
  @RequirePermissions('cards:read')
  @ApiOperation({ operationId: 'listCards', summary: 'Cards of the organisation, newest first, by client, status or number' })
  @ApiOkResponse({ type: CardPageDto })
  @ApiErrorResponses(400, 401, 403)
  listCards(@CurrentActor() actor: Actor, @Query() query: ListCardsQueryDto): Promise<CardPageDto> {
    return this.cards.list(actor, query);
  }

  @Post()
  @RequirePermissions('cards:write')
  @ApiOperation({
    operationId: 'openCard',
    summary: 'Open a card (开卡) for a client',
    description:
      'Status `active` when the start date is today or earlier, `issued` until then. Unknown client → 404 ' +
      '`CLIENT_NOT_FOUND`; unknown type → 404 `CARD_TYPE_NOT_FOUND`; inactive type → 409 `CARD_TYPE_INACTIVE`; ' +
      'a start date that would leave the card already expired, or more than 366 days ahead → 400 `CARD_START_DATE_INVALID`.',
  })
  @ApiCreatedResponse({ type: CardDto })
  @ApiErrorResponses(400, 401, 403, 404, 409)
  openCard(@CurrentActor() actor: Actor, @Body() dto: OpenCardDto): Promise<CardDto> {
    return this.cards.open(actor, dto);
  }

  @Get(':id')
  @RequirePermissions('cards:read')
  @ApiOperation({ operationId: 'getCard', summary: 'One card with its remaining services' })
  @ApiOkResponse({ type: CardDto })
  @ApiErrorResponses(400, 401, 403, 404)
  getCard(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<CardDto> {
    return this.cards.get(actor, id);
  }

  @Get(':id/history')
  @RequirePermissions('cards:read')
  @ApiOperation({ operationId: 'listCardHistory', summary: 'Every change of the card, newest first' })
  @ApiOkResponse({ type: [CardHistoryEntryDto] })
  @ApiErrorResponses(400, 401, 403, 404)
  listCardHistory(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<CardHistoryEntryDto[]> {
    return this.cards.history(actor, id);
  }

  @Post(':id/freeze')
  @RequirePermissions('cards:write')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ operationId: 'freezeCard', summary: 'Freeze an active card', description: TRANSITION_ERRORS })
  @ApiOkResponse({ type: CardDto })
  @ApiErrorResponses(400, 401, 403, 404, 409)
  freezeCard(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string, @Body() dto: CardReasonDto): Promise<CardDto> {
    return this.cards.freeze(actor, id, dto);
  }

  @Post(':id/unfreeze')
  @RequirePermissions('cards:write')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ operationId: 'unfreezeCard', summary: 'Make a frozen card active again', description: TRANSITION_ERRORS })
  @ApiOkResponse({ type: CardDto })
  @ApiErrorResponses(400, 401, 403, 404, 409)
  unfreezeCard(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string, @Body() dto: CardReasonDto): Promise<CardDto> {
    return this.cards.unfreeze(actor, id, dto);
  }

  @Post(':id/cancel')
  @RequirePermissions('cards:write')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    operationId: 'cancelCard',
    summary: 'Cancel an issued, active or frozen card for good',
    description: TRANSITION_ERRORS,
  })
  @ApiOkResponse({ type: CardDto })
  @ApiErrorResponses(400, 401, 403, 404, 409)
  cancelCard(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string, @Body() dto: CardReasonDto): Promise<CardDto> {
    return this.cards.cancel(actor, id, dto);
  }

  @Post(':id/renew')
  @RequirePermissions('cards:write')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    operationId: 'renewCard',
    summary: 'Renew an active, frozen or expired card',
    description:
      'Extends the expiry by the card type’s validity from the current expiry (or from today once expired), ' +
      'refills every service to the type’s package; an expired card becomes active. ' +
      TRANSITION_ERRORS,
  })
  @ApiOkResponse({ type: CardDto })
  @ApiErrorResponses(400, 401, 403, 404, 409)
  renewCard(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string, @Body() dto: CardReasonDto): Promise<CardDto> {
    return this.cards.renew(actor, id, dto);
  }

  @Post(':id/consume')
  @RequirePermissions('cards:write')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    operationId: 'consumeCardService',
    summary: 'Use an included service (default quantity 1)',
    description:
      'Card not active (or past its expiry date) → 409 `CARD_NOT_ACTIVE`; not enough left → 409 ' +
      '`CARD_SERVICE_EXHAUSTED`; a service the card does not include → 400 `CARD_SERVICE_UNKNOWN`.',
  })
  @ApiOkResponse({ type: CardDto })
  @ApiErrorResponses(400, 401, 403, 404, 409)
  consumeCardService(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Body() dto: ConsumeCardServiceDto,
  ): Promise<CardDto> {
    return this.cards.consume(actor, id, dto);
  }

  @Get(':id/face')
  @RequirePermissions('cards:read')
  @ApiOperation({
    operationId: 'getCardFace',
    summary: 'Printable card face',
    description:
      'The CR80 (85.6 × 54 mm) card face with organisation, card type, client name, card number, validity and a QR ' +
      'code of the number. `pdf` (default): one page of that size; `png`: the same face at 300 dpi (1011 × 638 ' +
      'pixels, resolution recorded in the image). Recorded in the audit log as an export.',
  })
  @ApiProduces('application/pdf', 'image/png')
  @ApiOkResponse({ description: 'The card face', schema: { type: 'string', format: 'binary' } })
  @ApiErrorResponses(400, 401, 403, 404)
  async getCardFace(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Query() query: CardFaceQueryDto,
  ): Promise<StreamableFile> {
    const face = await this.cards.face(actor, id, query.format ?? 'pdf');
    return new StreamableFile(face.body, { type: face.contentType, disposition: `inline; filename="${face.filename}"` });
  }
}
