import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { EstimatedPageDto, PageQueryDto } from '@health/core';
import { CLIENT_SORTS, CLIENT_TOTAL_EXACT_UP_TO, ClientSort } from '../client.repository';
import { WECHAT_OPEN_ID_PATTERN } from '../client-wechat';
import { CONSENT_KINDS, ConsentKind } from '../entities/client-consent.entity';
import { GENDERS, Gender, ID_TYPES, IdType } from '../entities/client.entity';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class EmergencyContactInputDto {
  @ApiProperty({ example: '李四' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name!: string;

  @ApiProperty({ example: '配偶', description: 'Relation to the client' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  relation!: string;

  @ApiProperty({ example: '13900139000', description: 'Mobile, or landline with area code' })
  @IsString()
  @MaxLength(30)
  phone!: string;
}

export class EmergencyContactDto {
  @ApiProperty({ example: '李四' })
  name!: string;

  @ApiProperty({ example: '配偶' })
  relation!: string;

  @ApiProperty({ example: '139****9000', description: 'Masked' })
  phoneMasked!: string;
}

export class ManagerRefDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '王芳' })
  displayName!: string;
}

export class ClientDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '张三' })
  name!: string;

  @ApiProperty({ enum: GENDERS })
  gender!: Gender;

  @ApiProperty({ format: 'date', example: '1978-04-02' })
  birthDate!: string;

  @ApiProperty({ example: 47, description: 'Completed years today' })
  age!: number;

  @ApiPropertyOptional({ enum: ID_TYPES })
  idType?: IdType;

  @ApiPropertyOptional({ example: '110101********0015', description: 'First 6 and last 4 characters' })
  idNumberMasked?: string;

  @ApiPropertyOptional({ example: '138****8000' })
  phoneMasked?: string;

  @ApiProperty({ description: 'A WeChat Official Account openid is bound, so WeChat template messages can reach the client' })
  wechatBound!: boolean;

  @ApiProperty({ type: String, nullable: true, example: 'o6_b****fL2M', description: 'First 4 and last 4 characters' })
  wechatOpenIdMasked!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  wechatBoundAt!: string | null;

  @ApiPropertyOptional({ example: '北京市东城区' })
  address?: string;

  @ApiPropertyOptional({ type: EmergencyContactDto })
  emergencyContact?: EmergencyContactDto;

  @ApiPropertyOptional({ example: '体检中心转介' })
  sourceChannel?: string;

  @ApiPropertyOptional({ type: ManagerRefDto, description: 'Assigned health manager' })
  manager?: ManagerRefDto;

  @ApiPropertyOptional()
  notes?: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class ClientPageDto extends EstimatedPageDto(ClientDto, CLIENT_TOTAL_EXACT_UP_TO, 'clients') {}

export class CreateClientDto {
  @ApiProperty({ example: '张三' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name!: string;

  @ApiProperty({ enum: GENDERS })
  @IsIn(GENDERS)
  gender!: Gender;

  @ApiProperty({ format: 'date', example: '1978-04-02' })
  @Matches(DATE, { message: 'birthDate must be YYYY-MM-DD' })
  @IsDateString({ strict: true })
  birthDate!: string;

  @ApiPropertyOptional({ enum: ID_TYPES, description: 'Defaults to `resident_id` when `idNumber` is given' })
  @IsOptional()
  @IsIn(ID_TYPES)
  idType?: IdType;

  @ApiPropertyOptional({
    example: '110101197804020015',
    description: 'Resident IDs are checked (GB 11643) and must agree with birthDate and gender',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  idNumber?: string;

  @ApiPropertyOptional({ example: '13800138000', description: 'Mainland mobile number' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string;

  @ApiPropertyOptional({ example: '北京市东城区' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  address?: string;

  @ApiPropertyOptional({ type: EmergencyContactInputDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => EmergencyContactInputDto)
  emergencyContact?: EmergencyContactInputDto;

  @ApiPropertyOptional({ example: '体检中心转介' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  sourceChannel?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'An active staff user of the organisation' })
  @IsOptional()
  @IsUUID()
  managerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;
}

const nullable = (_: object, value: unknown) => value !== null && value !== undefined;

/** Omitted fields stay as they are; `null` clears an optional field. */
export class UpdateClientDto {
  @ApiPropertyOptional({ example: '张三' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name?: string;

  @ApiPropertyOptional({ enum: GENDERS })
  @IsOptional()
  @IsIn(GENDERS)
  gender?: Gender;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @Matches(DATE, { message: 'birthDate must be YYYY-MM-DD' })
  @IsDateString({ strict: true })
  birthDate?: string;

  @ApiPropertyOptional({ enum: ID_TYPES, nullable: true, description: 'Needs `idNumber` when changed' })
  @ValidateIf(nullable)
  @IsIn(ID_TYPES)
  idType?: IdType | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf(nullable)
  @IsString()
  @MaxLength(40)
  idNumber?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf(nullable)
  @IsString()
  @MaxLength(20)
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf(nullable)
  @IsString()
  @MaxLength(200)
  address?: string | null;

  @ApiPropertyOptional({ type: EmergencyContactInputDto, nullable: true })
  @ValidateIf(nullable)
  @ValidateNested()
  @Type(() => EmergencyContactInputDto)
  emergencyContact?: EmergencyContactInputDto | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf(nullable)
  @IsString()
  @MaxLength(50)
  sourceChannel?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @ValidateIf(nullable)
  @IsUUID()
  managerId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf(nullable)
  @IsString()
  @MaxLength(2000)
  notes?: string | null;
}

export class ListClientsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description:
      'Free text: part of the name, a prefix of the pinyin initials (`zs` finds 张三), or a complete phone or ID number (exact)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  search?: string;

  @ApiPropertyOptional({ description: 'Exact mobile number' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string;

  @ApiPropertyOptional({ description: 'Exact ID number (any ID type)' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  idNumber?: string;

  @ApiPropertyOptional({ description: 'Exact membership card number' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  cardNumber?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  managerId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Clients holding this tag (GET /tags lists them)' })
  @IsOptional()
  @IsUUID()
  tagId?: string;

  @ApiPropertyOptional({ enum: GENDERS })
  @IsOptional()
  @IsIn(GENDERS)
  gender?: Gender;

  @ApiPropertyOptional({ minimum: 0, maximum: 150, description: 'Completed years, inclusive' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(150)
  ageMin?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 150, description: 'Completed years, inclusive' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(150)
  ageMax?: number;

  @ApiPropertyOptional({ enum: CLIENT_SORTS, default: '-createdAt', description: '`-` sorts descending' })
  @IsOptional()
  @IsIn(CLIENT_SORTS)
  sort?: ClientSort;
}

export class ReasonDto {
  @ApiProperty({ example: '客户电话回访核实身份', minLength: 2, maxLength: 500 })
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;
}

export class UnmaskedClientDto {
  @ApiPropertyOptional({ example: '110101197804020015' })
  idNumber?: string;

  @ApiPropertyOptional({ example: '13800138000' })
  phone?: string;

  @ApiPropertyOptional({ example: '13900139000' })
  emergencyContactPhone?: string;

  @ApiPropertyOptional({ example: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M', description: 'The bound WeChat openid' })
  wechatOpenId?: string;
}

export class WechatBindingDto {
  @ApiProperty({
    example: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M',
    pattern: WECHAT_OPEN_ID_PATTERN.source,
    description: "The client's openid in the organisation's WeChat Official Account (WeChat's are 28 characters)",
  })
  @IsString()
  @Matches(WECHAT_OPEN_ID_PATTERN, { message: 'openId must be 10-64 letters, digits, _ or -' })
  openId!: string;
}

export class RecordConsentDto {
  @ApiProperty({ enum: CONSENT_KINDS })
  @IsIn(CONSENT_KINDS)
  kind!: ConsentKind;

  @ApiProperty({ example: '2025-01', description: 'Version of the consent text the client agreed to or withdrew' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  version!: string;

  @ApiProperty({ description: '`false` withdraws consent' })
  @IsBoolean()
  granted!: boolean;
}

export class ConsentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: CONSENT_KINDS })
  kind!: ConsentKind;

  @ApiProperty({ example: '2025-01' })
  version!: string;

  @ApiProperty()
  granted!: boolean;

  @ApiProperty({ format: 'date-time' })
  recordedAt!: string;

  @ApiProperty({ description: 'Id of the staff user or API key that recorded it' })
  recordedBy!: string;
}

export class ClientConsentsDto {
  @ApiProperty({
    type: [ConsentDto],
    description: 'The decision in force per kind (the latest); kinds never recorded are absent',
  })
  current!: ConsentDto[];

  @ApiProperty({ type: [ConsentDto], description: 'Every decision, newest first' })
  history!: ConsentDto[];
}
