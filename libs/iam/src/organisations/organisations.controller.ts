import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, Audit, IdParamPipe, PlatformAdminOnly } from '@health/core';
import {
  CreatedOrganisationDto,
  CreateOrganisationDto,
  ListOrganisationsQueryDto,
  OrganisationDto,
  OrganisationPageDto,
  UpdateOrganisationDto,
} from './dto/organisation.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@Audit({ targetType: 'organisation' })
@Controller('v1/organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @PlatformAdminOnly()
  @ApiOperation({ operationId: 'listOrganisations', summary: 'All organisations (platform administrator)' })
  @ApiOkResponse({ type: OrganisationPageDto })
  @ApiErrorResponses(400, 401, 403)
  listOrganisations(@Query() query: ListOrganisationsQueryDto): Promise<OrganisationPageDto> {
    return this.organisations.list(query);
  }

  @Post()
  @PlatformAdminOnly()
  @Audit({ responseIdPath: 'organisation.id' })
  @ApiOperation({
    operationId: 'createOrganisation',
    summary: 'Create an organisation with its built-in roles and first administrator (platform administrator)',
    description: 'Code taken → 409 `ORGANISATION_CODE_TAKEN`; admin username taken → 409 `USERNAME_TAKEN`.',
  })
  @ApiCreatedResponse({ type: CreatedOrganisationDto })
  @ApiErrorResponses(400, 401, 403, 409)
  createOrganisation(@Body() dto: CreateOrganisationDto): Promise<CreatedOrganisationDto> {
    return this.organisations.create(dto);
  }

  @Patch(':id')
  @PlatformAdminOnly()
  @ApiOperation({
    operationId: 'updateOrganisation',
    summary: 'Rename, disable or re-enable an organisation (platform administrator)',
    description: 'The platform organisation cannot be disabled (409 `PLATFORM_ORGANISATION_PROTECTED`).',
  })
  @ApiOkResponse({ type: OrganisationDto })
  @ApiErrorResponses(400, 401, 403, 404, 409)
  updateOrganisation(@Param('id', IdParamPipe) id: string, @Body() dto: UpdateOrganisationDto): Promise<OrganisationDto> {
    return this.organisations.update(id, dto);
  }
}
