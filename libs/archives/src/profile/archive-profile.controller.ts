import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiErrorResponses, Audit, IdParamPipe, RequirePermissions } from '@health/core';
import { CurrentActor } from '@health/iam';
import { ArchiveProfileService } from './archive-profile.service';
import { ArchiveDto, ArchiveVersionPageDto, ListArchiveHistoryQueryDto, UpdateArchiveDto } from './dto/archive.dto';

@ApiTags('archives')
@Audit({ targetType: 'client' })
@Controller('v1/clients/:id/archive')
export class ArchiveProfileController {
  constructor(private readonly archives: ArchiveProfileService) {}

  @Get()
  @RequirePermissions('archives:read')
  @ApiOperation({
    operationId: 'getArchive',
    summary: "A client's health profile (健康档案)",
    description: 'A client without an archive answers an empty profile with version 0. Audited as `archive.read`.',
  })
  @ApiOkResponse({ type: ArchiveDto })
  @ApiErrorResponses(400, 401, 403, 404)
  getArchive(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<ArchiveDto> {
    return this.archives.get(actor, id);
  }

  @Put()
  @RequirePermissions('archives:write')
  @ApiOperation({
    operationId: 'updateArchive',
    summary: "Replace a client's health profile",
    description:
      'Saves a new version when something changed (an identical profile creates none) and emits `archive.updated`. ' +
      'Stale `expectedVersion` → 409 `ARCHIVE_VERSION_CONFLICT`; women’s history for a client who is not female → 400 ' +
      '`WOMENS_HISTORY_NOT_APPLICABLE`; contradictory fields (a never-smoker with cigarettes per day) → 400 `VALIDATION_FAILED`.',
  })
  @ApiOkResponse({ type: ArchiveDto })
  @ApiErrorResponses(400, 401, 403, 404, 409)
  updateArchive(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Body() dto: UpdateArchiveDto,
  ): Promise<ArchiveDto> {
    return this.archives.update(actor, id, dto);
  }

  @Get('history')
  @RequirePermissions('archives:read')
  @ApiOperation({
    operationId: 'listArchiveHistory',
    summary: "Versions of a client's health profile, newest first",
    description:
      'Each version names its author, the changed paths and the full profile as of then. Audited as `archive.history_read`.',
  })
  @ApiOkResponse({ type: ArchiveVersionPageDto })
  @ApiErrorResponses(400, 401, 403, 404)
  listArchiveHistory(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Query() query: ListArchiveHistoryQueryDto,
  ): Promise<ArchiveVersionPageDto> {
    return this.archives.history(actor, id, query);
  }
}
