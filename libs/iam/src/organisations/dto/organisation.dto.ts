import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { PageDto, PageQueryDto } from '@health/core';
import { USERNAME_PATTERN, UserDto } from '../../users/dto/user.dto';
import type { OrganisationStatus } from '../../entities/organisation.entity';

export class OrganisationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '康宁健康管理中心' })
  name!: string;

  @ApiProperty({ example: 'kangning' })
  code!: string;

  @ApiProperty({ example: 'Asia/Shanghai' })
  timezone!: string;

  @ApiProperty({ enum: ['active', 'disabled'], description: 'Users and API keys of a disabled organisation cannot sign in' })
  status!: OrganisationStatus;

  @ApiProperty({ description: 'The organisation created at first start, home of the platform administrator' })
  isPlatform!: boolean;

  @ApiProperty({ example: 12 })
  userCount!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class OrganisationPageDto extends PageDto(OrganisationDto) {}

export class ListOrganisationsQueryDto extends PageQueryDto {}

export class OrganisationAdminDto {
  @ApiProperty({ example: 'kangning.admin' })
  @IsString()
  @Matches(USERNAME_PATTERN, { message: 'admin.username must be 3-64 letters, digits, dot, dash or underscore' })
  username!: string;

  @ApiProperty({ example: '李敏' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName!: string;

  @ApiProperty({ description: 'Initial password; must be changed at first sign-in', minLength: 12, maxLength: 128 })
  @IsString()
  @MaxLength(128)
  password!: string;
}

export class CreateOrganisationDto {
  @ApiProperty({ example: '康宁健康管理中心' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiProperty({ example: 'kangning', description: 'Lower-case letters, digits and `-`; unique' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{1,31}$/, { message: 'code must be 2-32 lower-case letters, digits or -' })
  code!: string;

  @ApiPropertyOptional({ example: 'Asia/Shanghai', description: 'IANA time zone; defaults to TZ_DEFAULT' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timezone?: string;

  @ApiProperty({ type: OrganisationAdminDto, description: 'The organisation’s first administrator' })
  @ValidateNested()
  @Type(() => OrganisationAdminDto)
  admin!: OrganisationAdminDto;
}

export class UpdateOrganisationDto {
  @ApiPropertyOptional({ example: '康宁健康管理中心（总院）' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ enum: ['active', 'disabled'] })
  @IsOptional()
  @IsIn(['active', 'disabled'])
  status?: OrganisationStatus;
}

export class CreatedOrganisationDto {
  @ApiProperty({ type: OrganisationDto })
  organisation!: OrganisationDto;

  @ApiProperty({ type: UserDto })
  admin!: UserDto;
}
