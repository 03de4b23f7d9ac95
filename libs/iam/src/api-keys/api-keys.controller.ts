import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiErrorResponses, Audit, IdParamPipe, RequirePermissions } from '@health/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyPageDto, CreateApiKeyDto, CreatedApiKeyDto, ListApiKeysQueryDto } from './dto/api-key.dto';

@ApiTags('api-keys')
@Audit({ targetType: 'api_key' })
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get()
  @RequirePermissions('api-keys:manage')
  @ApiOperation({ operationId: 'listApiKeys', summary: 'API keys of the organisation (never their secrets)' })
  @ApiOkResponse({ type: ApiKeyPageDto })
  @ApiErrorResponses(400, 401, 403)
  listApiKeys(@CurrentActor() actor: Actor, @Query() query: ListApiKeysQueryDto): Promise<ApiKeyPageDto> {
    return this.apiKeys.list(actor, query);
  }

  @Post()
  @RequirePermissions('api-keys:manage')
  @Audit({ action: 'api_key.created' })
  @ApiOperation({
    operationId: 'createApiKey',
    summary: 'Create an API key; the response holds the full key, shown only this once',
    description:
      'Scopes are permission codes the key may use (send the key as `X-API-Key`). Management codes and codes the creator ' +
      'does not hold → 400 `INVALID_SCOPE`.',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiErrorResponses(400, 401, 403)
  createApiKey(@CurrentActor() actor: Actor, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.apiKeys.create(actor, dto);
  }

  @Post(':id/revoke')
  @RequirePermissions('api-keys:manage')
  @Audit({ action: 'api_key.revoked' })
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ operationId: 'revokeApiKey', summary: 'Revoke an API key at once (idempotent)' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiErrorResponses(400, 401, 403, 404)
  revokeApiKey(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<void> {
    return this.apiKeys.revoke(actor, id);
  }
}
