import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PageDto, PageQueryDto } from '@health/core';
import { RoleRefDto } from '../../roles/dto/role.dto';
import { USER_SORTS, UserSort } from '../user.repository';
import type { UserStatus } from '../../entities/staff-user.entity';

export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{2,63}$/;
const USERNAME_MESSAGE = 'username must be 3-64 letters, digits, dot, dash or underscore, starting with a letter or digit';

export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'zhang.wei', description: 'Lower-case; unique across the platform' })
  username!: string;

  @ApiProperty({ example: '张伟' })
  displayName!: string;

  @ApiPropertyOptional({ example: 'zhang.wei@example.com' })
  email?: string;

  @ApiProperty({ enum: ['active', 'disabled'] })
  status!: UserStatus;

  @ApiProperty({ type: [RoleRefDto] })
  roles!: RoleRefDto[];

  @ApiPropertyOptional({ format: 'date-time', description: 'Present while the account is locked after failed logins' })
  lockedUntil?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  lastLoginAt?: string;

  @ApiProperty({ description: 'The user must choose a new password before working' })
  mustChangePassword!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class UserPageDto extends PageDto(UserDto) {}

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of the username or display name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @ApiPropertyOptional({ enum: ['active', 'disabled'] })
  @IsOptional()
  @IsIn(['active', 'disabled'])
  status?: UserStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only users holding this role' })
  @IsOptional()
  @IsUUID()
  roleId?: string;

  @ApiPropertyOptional({ enum: USER_SORTS, default: '-createdAt', description: '`-` sorts descending' })
  @IsOptional()
  @IsIn(USER_SORTS)
  sort?: UserSort;
}

export class CreateUserDto {
  @ApiProperty({ example: 'zhang.wei', description: 'Letters, digits, `.`, `-`, `_`; stored lower-case' })
  @IsString()
  @Matches(USERNAME_PATTERN, { message: USERNAME_MESSAGE })
  username!: string;

  @ApiProperty({ example: '张伟' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName!: string;

  @ApiProperty({ description: 'Initial password; the user must change it at first sign-in', minLength: 12, maxLength: 128 })
  @IsString()
  @MaxLength(128)
  password!: string;

  @ApiProperty({ type: [String], format: 'uuid', minItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID(undefined, { each: true })
  roleIds!: string[];

  @ApiPropertyOptional({ example: 'zhang.wei@example.com' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ example: '张伟' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: '`null` removes the address' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Replaces the user’s roles' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID(undefined, { each: true })
  roleIds?: string[];

  @ApiPropertyOptional({ enum: ['active', 'disabled'], description: 'Disabling ends the user’s sessions at once' })
  @IsOptional()
  @IsIn(['active', 'disabled'])
  status?: UserStatus;
}

export class ResetPasswordDto {
  @ApiProperty({ description: 'Temporary password; the user must change it at next sign-in', minLength: 12, maxLength: 128 })
  @IsString()
  @MaxLength(128)
  newPassword!: string;
}
