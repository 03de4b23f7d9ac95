import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiErrorResponses, Audit, IdParamPipe, RequirePermissions } from '@health/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { CreateUserDto, ListUsersQueryDto, ResetPasswordDto, UpdateUserDto, UserDto, UserPageDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Audit({ targetType: 'user' })
@Controller('v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequirePermissions('users:read')
  @ApiOperation({ operationId: 'listUsers', summary: 'Staff users of the organisation' })
  @ApiOkResponse({ type: UserPageDto })
  @ApiErrorResponses(400, 401, 403)
  listUsers(@CurrentActor() actor: Actor, @Query() query: ListUsersQueryDto): Promise<UserPageDto> {
    return this.users.list(actor, query);
  }

  @Post()
  @RequirePermissions('users:manage')
  @ApiOperation({
    operationId: 'createUser',
    summary: 'Create a staff user',
    description: 'The user must change the password at first sign-in. Username taken (platform-wide) → 409 `USERNAME_TAKEN`.',
  })
  @ApiCreatedResponse({ type: UserDto })
  @ApiErrorResponses(400, 401, 403, 409)
  createUser(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserDto> {
    return this.users.create(actor, dto);
  }

  @Get(':id')
  @RequirePermissions('users:read')
  @ApiOperation({ operationId: 'getUser', summary: 'One staff user' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrorResponses(400, 401, 403, 404)
  getUser(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<UserDto> {
    return this.users.get(actor, id);
  }

  @Patch(':id')
  @RequirePermissions('users:manage')
  @ApiOperation({
    operationId: 'updateUser',
    summary: 'Change a user’s name, email, roles or status',
    description:
      'You cannot disable yourself (409 `CANNOT_DISABLE_SELF`) nor drop your own `users:manage` (409 `CANNOT_REMOVE_OWN_USER_MANAGEMENT`).',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiErrorResponses(400, 401, 403, 404, 409)
  updateUser(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return this.users.update(actor, id, dto);
  }

  @Post(':id/reset-password')
  @RequirePermissions('users:manage')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    operationId: 'resetUserPassword',
    summary: 'Set a temporary password',
    description: 'Ends all sessions of the user, unlocks the account, and makes the user choose a new password at next sign-in.',
  })
  @ApiNoContentResponse({ description: 'Password reset' })
  @ApiErrorResponses(400, 401, 403, 404)
  resetUserPassword(
    @CurrentActor() actor: Actor,
    @Param('id', IdParamPipe) id: string,
    @Body() dto: ResetPasswordDto,
  ): Promise<void> {
    return this.users.resetPassword(actor, id, dto);
  }

  @Post(':id/unlock')
  @RequirePermissions('users:manage')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ operationId: 'unlockUser', summary: 'Lift a lock caused by failed logins' })
  @ApiNoContentResponse({ description: 'Unlocked' })
  @ApiErrorResponses(400, 401, 403, 404)
  unlockUser(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<void> {
    return this.users.unlock(actor, id);
  }
}
