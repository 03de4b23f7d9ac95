import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, Authenticated } from '@health/core';
import { PermissionDto } from './dto/permission.dto';
import { PermissionsService } from './permissions.service';

@ApiTags('roles')
@Controller('v1/permissions')
export class PermissionsController {
  constructor(private readonly permissions: PermissionsService) {}

  @Get()
  @Authenticated()
  @ApiOperation({
    operationId: 'listPermissions',
    summary: 'The catalog of permission codes, grouped, with Chinese and English names',
  })
  @ApiOkResponse({ type: [PermissionDto] })
  @ApiErrorResponses(401, 403)
  listPermissions(): PermissionDto[] {
    return this.permissions.catalog();
  }
}
