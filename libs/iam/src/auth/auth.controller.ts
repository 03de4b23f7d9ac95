import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiErrorResponses, Audit, Authenticated, Public } from '@health/core';
import { AuthService } from './auth.service';
import { CurrentActor } from './current-actor.decorator';
import { ChangePasswordDto, LoginDto, MeDto, PasswordPolicyDto, RefreshTokenDto, TokenPairDto } from './dto/auth.dto';

/** Audit rows of these operations are written by `AuthService` (it knows who signed in and why it failed). */
@ApiTags('auth')
@Audit({ skip: true })
@Controller('v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    operationId: 'login',
    summary: 'Sign in with username and password',
    description:
      'Wrong credentials → 401 `INVALID_CREDENTIALS` (also for unknown users). After 5 failures in a row the account is ' +
      'locked for 15 minutes: 401 `ACCOUNT_LOCKED` with `Retry-After`, even with the right password. Disabled: 401 ' +
      '`ACCOUNT_DISABLED`. Too many attempts from one IP: 429 `RATE_LIMITED` with `Retry-After`.',
  })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiErrorResponses(400, 401, 429)
  login(@Body() dto: LoginDto): Promise<TokenPairDto> {
    return this.auth.login(dto);
  }

  @Post('refresh')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    operationId: 'refreshToken',
    summary: 'Exchange a refresh token for a new token pair',
    description:
      'Each refresh token works once. Presenting an already used one revokes the whole session (401 `INVALID_REFRESH_TOKEN`): ' +
      'clients must not refresh concurrently with the same token.',
  })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiErrorResponses(400, 401)
  refreshToken(@Body() dto: RefreshTokenDto): Promise<TokenPairDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ operationId: 'logout', summary: 'Sign out: revoke the session of this refresh token' })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiErrorResponses(400, 401, 403)
  logout(@CurrentActor() actor: Actor, @Body() dto: RefreshTokenDto): Promise<void> {
    return this.auth.logout(actor, dto.refreshToken);
  }

  @Get('me')
  @Authenticated()
  @ApiOperation({ operationId: 'getMe', summary: 'The signed-in user, their roles and permission codes' })
  @ApiOkResponse({ type: MeDto })
  @ApiErrorResponses(401, 403)
  getMe(@CurrentActor() actor: Actor): Promise<MeDto> {
    return this.auth.me(actor);
  }

  @Post('password')
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    operationId: 'changePassword',
    summary: 'Change the signed-in user’s password',
    description:
      'Wrong current password → 400 `CURRENT_PASSWORD_INCORRECT`; policy failure → 400 `PASSWORD_POLICY_VIOLATION` with ' +
      'one detail per rule. Other sessions of the user are ended; this one stays signed in.',
  })
  @ApiNoContentResponse({ description: 'Password changed' })
  @ApiErrorResponses(400, 401, 403)
  changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(actor, dto);
  }

  @Get('password-policy')
  @Public()
  @ApiOperation({ operationId: 'getPasswordPolicy', summary: 'The password rules in force, for forms to explain them' })
  @ApiOkResponse({ type: PasswordPolicyDto })
  getPasswordPolicy(): PasswordPolicyDto {
    return this.auth.passwordPolicy();
  }
}
