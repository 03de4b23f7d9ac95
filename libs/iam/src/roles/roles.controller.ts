import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiErrorResponses, Audit, IdParamPipe, RequirePermissions } from '@health/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { CreateRoleDto, ListRolesQueryDto, RoleDto, RolePageDto, UpdateRoleDto } from './dto/role.dto';
import { RolesService } from './roles.service';

@ApiTags('roles')
@Audit({ targetType: 'role' })
@Controller('v1/roles')
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  @Get()
  @RequirePermissions('users:read')
  @ApiOperation({ operationId: 'listRoles', summary: 'Built-in and custom roles of the organisation' })
  @ApiOkResponse({ type: RolePageDto })
  @ApiErrorResponses(400, 401, 403)
  listRoles(@CurrentActor() actor: Actor, @Query() query: ListRolesQueryDto): Promise<RolePageDto> {
    return this.roles.list(actor, query);
  }

  @Post()
  @RequirePermissions('roles:manage')
  @Audit({ action: 'role.created' })
  @ApiOperation({
    operationId: 'createRole',
    summary: 'Create a custom role',
    description:
      'Unknown codes → 400 `UNKNOWN_PERMISSION`; `audit:read` next to a code that changes data → 400 `SEPARATION_OF_DUTIES`; ' +
      'code in use → 409 `ROLE_CODE_TAKEN`.',
  })
  @ApiCreatedResponse({ type: RoleDto })
  @ApiErrorResponses(400, 401, 403, 409)
  createRole(@CurrentActor() actor: Actor, @Body() dto: CreateRoleDto): Promise<RoleDto> {
    return this.roles.create(actor, dto);
  }

  @Patch(':id')
  @RequirePermissions('roles:manage')
  @Audit({ action: 'role.updated' })
  @ApiOperation({
    operationId: 'updateRole',
    summary: 'Change a custom role',
    description: 'Built-in roles → 409 `ROLE_BUILT_IN`.',
  })
  @ApiOkResponse({ type: RoleDto })
  @ApiErrorResponses(400, 401, 403, 404, 409)
  updateRole(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string, @Body() dto: UpdateRoleDto): Promise<RoleDto> {
    return this.roles.update(actor, id, dto);
  }

  @Delete(':id')
  @RequirePermissions('roles:manage')
  @Audit({ action: 'role.deleted' })
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    operationId: 'deleteRole',
    summary: 'Delete a custom role nobody holds',
    description: 'Held by users → 409 `ROLE_IN_USE`; built-in → 409 `ROLE_BUILT_IN`.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrorResponses(400, 401, 403, 404, 409)
  deleteRole(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<void> {
    return this.roles.remove(actor, id);
  }
}
