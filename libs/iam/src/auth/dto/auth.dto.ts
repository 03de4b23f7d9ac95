import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { RoleRefDto } from '../../roles/dto/role.dto';

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username!: string;

  @ApiProperty({ example: 'Initial-Admin-Pass-2026' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  password!: string;
}

export class RefreshTokenDto {
  @ApiProperty({ description: 'The refresh token from the last login or refresh' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  refreshToken!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  currentPassword!: string;

  @ApiProperty({
    minLength: 12,
    maxLength: 128,
    description: 'Must meet the password policy (`GET /api/v1/auth/password-policy`)',
  })
  @IsString()
  @MaxLength(128)
  newPassword!: string;
}

export class OrganisationRefDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '默认机构' })
  name!: string;
}

export class MeDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'admin' })
  username!: string;

  @ApiProperty({ example: '系统管理员' })
  displayName!: string;

  @ApiProperty({ type: OrganisationRefDto })
  organisation!: OrganisationRefDto;

  @ApiProperty({ type: [RoleRefDto] })
  roles!: RoleRefDto[];

  @ApiProperty({ type: [String], description: 'Union of the permission codes of all roles', example: ['users:read'] })
  permissions!: string[];

  @ApiProperty({ description: 'May manage organisations' })
  isPlatformAdmin!: boolean;

  @ApiProperty({ description: 'The console must send the user to the password change page' })
  mustChangePassword!: boolean;
}

export class TokenPairDto {
  @ApiProperty({ description: 'JWT for `Authorization: Bearer …`' })
  accessToken!: string;

  @ApiProperty({ description: 'Opaque; exchange it at `POST /api/v1/auth/refresh`. Each one works once.' })
  refreshToken!: string;

  @ApiProperty({ description: 'Seconds until the access token expires (at most 900)', example: 900 })
  expiresIn!: number;

  @ApiProperty({ type: MeDto })
  user!: MeDto;
}

export class PasswordPolicyDto {
  @ApiProperty({ enum: ['standard', 'strict'] })
  profile!: 'standard' | 'strict';

  @ApiProperty({ example: 12 })
  minLength!: number;

  @ApiProperty({ example: 128 })
  maxLength!: number;

  @ApiProperty({ description: 'Upper and lower case letters, a digit and a symbol are required (strict)' })
  requiresCharacterClasses!: boolean;

  @ApiPropertyOptional({ description: 'Days after which a password must be changed (strict)', example: 90 })
  expiryDays?: number;
}
