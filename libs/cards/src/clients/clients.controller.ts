import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiErrorResponses, Audit, IdParamPipe, RequirePermissions } from '@health/core';
import { CurrentActor } from '@health/iam';
import {
  ClientConsentsDto,
  ClientDto,
  ClientPageDto,
  ConsentDto,
  CreateClientDto,
  ListClientsQueryDto,
  ReasonDto,
  RecordConsentDto,
  UnmaskedClientDto,
  UpdateClientDto,
  WechatBindingDto,
} from './dto/client.dto';
import { ClientsService } from './clients.service';
import { CLIENT_TOTAL_EXACT_UP_TO } from './client.repository';

@ApiTags('clients')
@Audit({ targetType: 'client' })
@Controller('v1/clients')
export class ClientsController {
  constructor(private readonly clients: ClientsService) {}

  @Get()
  @RequirePermissions('clients:read')
  @ApiOperation({
    operationId: 'listClients',
    summary: 'Search clients',
    description:
      '`search` matches part of the name, a prefix of the pinyin initials (`zs` → 张三), or exactly a whole mobile or ID number. Phone and ID number filters are exact. ' +
      `\`total\` is exact up to ${CLIENT_TOTAL_EXACT_UP_TO} matches; beyond that it is the database planner's estimate ` +
      `(always above ${CLIENT_TOTAL_EXACT_UP_TO}): counting a million matches on every page would cost seconds.`,
  })
  @ApiOkResponse({ type: ClientPageDto })
  @ApiErrorResponses(400, 401, 403)
  listClients(@CurrentActor() actor: Actor, @Query() query: ListClientsQueryDto): Promise<ClientPageDto> {
    return this.clients.list(actor, query);
  }

  @Post()
  @RequirePermissions('clients:write')
  @ApiOperation({
    operationId: 'createClient',
    summary: 'Register a client',
    description:
      'Invalid ID number → 400 `ID_NUMBER_INVALID`; ID number disagreeing with birthDate/gender → 400 `ID_NUMBER_MISMATCH`; invalid mobile → 400 `PHONE_INVALID`; ID number already registered → 409 `CLIENT_DUPLICATE_ID_NUMBER` with the existing client id in `details[0].message`.',
  })
  @ApiCreatedResponse({ type: ClientDto })
  @ApiErrorResponses(400, 401, 403, 409)
  createClient(@CurrentActor() actor: Actor, @Body() dto: CreateClientDto): Promise<ClientDto> {
    return this.clients.create(actor, dto);
  }

  @Get(':id')
  @RequirePermissions('clients:read')
  @ApiOperation({ operationId: 'getClient', summary: 'One client (masked); the read is audited' })
  @ApiOkResponse({ type: ClientDto })
  @ApiErrorResponses(400, 401, 403, 404)
  getClient(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<ClientDto> {
    return this.clients.get(actor, id);
  }

  @Patch(':id')
  @RequirePermissions('clients:write')
  @ApiOperation({ operationId: 'updateClient', summary: 'Change a client; `null` clears an optional field' })
  @ApiOkResponse({ type: ClientDto })
  @ApiErrorResponses(400, 401, 403, 404, 409)
  updateClient(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Body() dto: UpdateClientDto,
  ): Promise<ClientDto> {
    return this.clients.update(actor, id, dto);
  }

  @Delete(':id')
  @RequirePermissions('clients:write')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ operationId: 'deleteClient', summary: 'Soft-delete a client, giving a reason' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrorResponses(400, 401, 403, 404)
  deleteClient(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string, @Body() dto: ReasonDto): Promise<void> {
    return this.clients.remove(actor, id, dto);
  }

  @Post(':id/unmask')
  @RequirePermissions('clients:unmask')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    operationId: 'unmaskClient',
    summary: 'Full ID number, phones and WeChat openid of a client',
    description: 'Audited as `client.unmask`; the reason is kept.',
  })
  @ApiOkResponse({ type: UnmaskedClientDto })
  @ApiErrorResponses(400, 401, 403, 404)
  unmaskClient(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Body() dto: ReasonDto,
  ): Promise<UnmaskedClientDto> {
    return this.clients.unmask(actor, id, dto);
  }

  @Put(':id/wechat-binding')
  @RequirePermissions('clients:write')
  @Audit({ action: 'client.wechat_bind' })
  @ApiOperation({
    operationId: 'bindClientWechat',
    summary: "Bind the client's WeChat Official Account openid",
    description:
      "Called by a WeChat middleware once the client scanned the account's QR code, or by staff. Replaces an earlier binding; " +
      'the same openid again changes nothing. Not 10-64 characters of `[A-Za-z0-9_-]` → 400 `VALIDATION_FAILED`; bound to another ' +
      "client of the organisation → 409 `WECHAT_ALREADY_BOUND` with that client's id in `details[0].message`. Audited as `client.wechat_bind`.",
  })
  @ApiOkResponse({ type: ClientDto })
  @ApiErrorResponses(400, 401, 403, 404, 409)
  bindClientWechat(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Body() dto: WechatBindingDto,
  ): Promise<ClientDto> {
    return this.clients.bindWechat(actor, id, dto);
  }

  @Delete(':id/wechat-binding')
  @RequirePermissions('clients:write')
  @Audit({ action: 'client.wechat_unbind' })
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    operationId: 'unbindClientWechat',
    summary: "Remove the client's WeChat binding",
    description: 'Idempotent: a client without a binding also answers 204. Audited as `client.wechat_unbind`.',
  })
  @ApiNoContentResponse({ description: 'Unbound' })
  @ApiErrorResponses(400, 401, 403, 404)
  unbindClientWechat(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<void> {
    return this.clients.unbindWechat(actor, id);
  }

  @Get(':id/consents')
  @RequirePermissions('clients:read')
  @ApiOperation({ operationId: 'listClientConsents', summary: 'Consent decisions of a client (PIPL)' })
  @ApiOkResponse({ type: ClientConsentsDto })
  @ApiErrorResponses(400, 401, 403, 404)
  listClientConsents(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<ClientConsentsDto> {
    return this.clients.consents(actor, id);
  }

  @Post(':id/consents')
  @RequirePermissions('clients:write')
  @ApiOperation({
    operationId: 'recordClientConsent',
    summary: 'Record a consent grant or withdrawal',
    description: 'Withdrawing granted reminder consent emits `client.reminder_consent_withdrawn`.',
  })
  @ApiCreatedResponse({ type: ConsentDto })
  @ApiErrorResponses(400, 401, 403, 404)
  recordClientConsent(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Body() dto: RecordConsentDto,
  ): Promise<ConsentDto> {
    return this.clients.recordConsent(actor, id, dto);
  }
}
