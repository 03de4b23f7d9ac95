import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsObject, IsOptional, Min, ValidateNested } from 'class-validator';
import { PageDto, PageQueryDto } from '@health/core';
import { ArchiveProfileDto } from './archive-profile.dto';

export class ArchiveActorDto {
  @ApiProperty({
    example: '6f1c2a4e-8d3b-4c1a-9e2f-0a1b2c3d4e5f',
    description: 'User or API key id; a name such as `worker` for the system',
  })
  id!: string;

  @ApiProperty({ enum: ['user', 'api_key', 'system'] })
  type!: string;

  @ApiProperty({
    example: '王医生',
    description: "A user's display name or an API key's name; null once it no longer exists",
    nullable: true,
    type: String,
  })
  displayName!: string | null;
}

export class ArchiveDto {
  @ApiProperty({ format: 'uuid' })
  clientId!: string;

  @ApiProperty({ example: 3, description: 'Number of the current version; 0 while the client has no archive yet' })
  version!: number;

  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the current version was saved' })
  updatedAt!: string | null;

  @ApiProperty({ type: ArchiveActorDto, nullable: true, description: 'Who saved the current version' })
  updatedBy!: ArchiveActorDto | null;

  @ApiProperty({ type: ArchiveProfileDto })
  profile!: ArchiveProfileDto;
}

export class UpdateArchiveDto {
  @ApiPropertyOptional({
    example: 3,
    minimum: 0,
    description:
      'The version the edit is based on (0 for a client without archive); another version is current → 409 `ARCHIVE_VERSION_CONFLICT`',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number;

  @ApiProperty({ type: ArchiveProfileDto, description: 'The whole profile; what is left out becomes empty' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ArchiveProfileDto)
  profile!: ArchiveProfileDto;
}

export class ArchiveVersionDto {
  @ApiProperty({ example: 3 })
  version!: number;

  @ApiProperty({ type: String, format: 'date-time' })
  at!: string;

  @ApiProperty({ type: ArchiveActorDto, nullable: true })
  actor!: ArchiveActorDto | null;

  @ApiProperty({
    type: [String],
    example: ['bloodType', 'lifestyle.smoking.cigarettesPerDay', 'allergies[1]'],
    description: 'Paths in the profile that this version changed; a list entry added or removed is named by its index',
  })
  changedPaths!: string[];

  @ApiProperty({ type: ArchiveProfileDto, description: 'The whole profile as of this version' })
  profile!: ArchiveProfileDto;
}

export class ArchiveVersionPageDto extends PageDto(ArchiveVersionDto) {}

export class ListArchiveHistoryQueryDto extends PageQueryDto {}
