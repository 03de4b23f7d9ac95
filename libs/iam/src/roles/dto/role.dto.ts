import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageDto, PageQueryDto } from '@health/core';

export class RoleRefDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'doctor' })
  code!: string;

  @ApiProperty({ example: '医生' })
  name!: string;

  @ApiProperty({ example: 'Doctor', description: 'English name; the Chinese name when none was given' })
  nameEn!: string;
}

export class RoleDto extends RoleRefDto {
  @ApiProperty({ description: 'Built-in roles exist in every organisation and cannot be changed or deleted' })
  builtIn!: boolean;

  @ApiProperty({ type: [String], example: ['clients:read', 'archives:read'] })
  permissions!: string[];

  @ApiProperty({ description: 'Number of users holding the role', example: 3 })
  userCount!: number;
}

export class RolePageDto extends PageDto(RoleDto) {}

export class ListRolesQueryDto extends PageQueryDto {}

export class CreateRoleDto {
  @ApiProperty({ example: 'front-desk', description: 'Lower-case letters, digits, `-` and `_`; unique in the organisation' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_-]{1,49}$/, { message: 'code must be 2-50 lower-case letters, digits, - or _, starting with a letter' })
  code!: string;

  @ApiProperty({ example: '前台' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ example: 'Front desk' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  nameEn?: string;

  @ApiProperty({ type: [String], example: ['clients:read', 'cards:read'], description: 'Codes from `GET /api/v1/permissions`' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  permissions!: string[];
}

export class UpdateRoleDto {
  @ApiPropertyOptional({ example: '前台接待' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ example: 'Reception' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  nameEn?: string;

  @ApiPropertyOptional({ type: [String], description: 'Replaces the role’s permissions' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  permissions?: string[];
}
