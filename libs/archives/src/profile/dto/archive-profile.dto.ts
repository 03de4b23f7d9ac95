import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ABO_GROUPS,
  AboGroup,
  ALCOHOL_STATUSES,
  AlcoholStatus,
  ALLERGY_SEVERITIES,
  AllergySeverity,
  DIET_HABITS,
  DietHabit,
  FAMILY_RELATIONS,
  FamilyRelation,
  ICD10_CODE,
  MAX_LIST_ENTRIES,
  RH_FACTORS,
  RhFactor,
  SLEEP_QUALITIES,
  SleepQuality,
  SMOKING_STATUSES,
  SmokingStatus,
} from '../archive-profile';
import { IsPartialDate, IsPastYear } from './profile-validators';

/*
 * One set of classes for the request and the response. In a request any optional field may be
 * left out or null; a response always carries every field (null or [] when unknown).
 */

const NOT_BLANK = /\S/;
const notBlank = (field: string) => ({ message: `${field} must not be blank` });

export class BloodTypeDto {
  @ApiProperty({ enum: ABO_GROUPS, example: 'A' })
  @IsIn(ABO_GROUPS)
  abo!: AboGroup;

  @ApiPropertyOptional({ enum: RH_FACTORS, default: 'unknown', example: 'positive' })
  @IsOptional()
  @IsIn(RH_FACTORS)
  rh?: RhFactor | null;
}

export class AllergyDto {
  @ApiProperty({ example: '青霉素', maxLength: 100 })
  @IsString()
  @Matches(NOT_BLANK, notBlank('substance'))
  @MaxLength(100)
  substance!: string;

  @ApiPropertyOptional({ example: '皮疹', maxLength: 200, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reaction?: string | null;

  @ApiPropertyOptional({ enum: ALLERGY_SEVERITIES, default: 'unknown' })
  @IsOptional()
  @IsIn(ALLERGY_SEVERITIES)
  severity?: AllergySeverity | null;
}

export class PastConditionDto {
  @ApiProperty({ example: '高血压', maxLength: 200 })
  @IsString()
  @Matches(NOT_BLANK, notBlank('condition'))
  @MaxLength(200)
  condition!: string;

  @ApiPropertyOptional({ example: 'I10', description: 'ICD-10 code, checked by shape only', nullable: true, type: String })
  @IsOptional()
  @IsString()
  @Matches(ICD10_CODE, { message: 'icd10 must look like an ICD-10 code such as I10 or E11.9' })
  icd10?: string | null;

  @ApiPropertyOptional({ example: 2018, description: '1900 to the current year', nullable: true, type: Number })
  @IsOptional()
  @IsPastYear()
  yearDiagnosed?: number | null;

  @ApiPropertyOptional({ type: Boolean, default: false })
  @IsOptional()
  @IsBoolean()
  underTreatment?: boolean | null;
}

export class FamilyConditionDto {
  @ApiProperty({ enum: FAMILY_RELATIONS, example: 'father' })
  @IsIn(FAMILY_RELATIONS)
  relation!: FamilyRelation;

  @ApiProperty({ example: '心肌梗死', maxLength: 200 })
  @IsString()
  @Matches(NOT_BLANK, notBlank('condition'))
  @MaxLength(200)
  condition!: string;

  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description:
      'Premature ASCVD in this relative (male before 55, female before 65), as stated by the client; a China-PAR input',
  })
  @IsOptional()
  @IsBoolean()
  prematureAscvd?: boolean | null;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Diabetes in this relative; a diabetes risk model input' })
  @IsOptional()
  @IsBoolean()
  diabetes?: boolean | null;
}

export class SurgeryDto {
  @ApiProperty({ example: '阑尾切除术', maxLength: 200 })
  @IsString()
  @Matches(NOT_BLANK, notBlank('name'))
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: 2009, description: '1900 to the current year', nullable: true, type: Number })
  @IsOptional()
  @IsPastYear()
  year?: number | null;
}

export class MedicationDto {
  @ApiProperty({ example: '氨氯地平', maxLength: 200 })
  @IsString()
  @Matches(NOT_BLANK, notBlank('name'))
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: '5 mg', maxLength: 100, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  dose?: string | null;

  @ApiPropertyOptional({ example: '每日一次', maxLength: 100, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  frequency?: string | null;

  @ApiPropertyOptional({
    example: '2021-05',
    description: 'YYYY, YYYY-MM or YYYY-MM-DD; not in the future',
    nullable: true,
    type: String,
  })
  @IsOptional()
  @IsPartialDate()
  since?: string | null;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Blood-pressure lowering drug (China-PAR input)' })
  @IsOptional()
  @IsBoolean()
  antihypertensive?: boolean | null;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Glucose-lowering drug or insulin' })
  @IsOptional()
  @IsBoolean()
  glucoseLowering?: boolean | null;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Lipid-lowering drug such as a statin' })
  @IsOptional()
  @IsBoolean()
  lipidLowering?: boolean | null;
}

export class SmokingDto {
  @ApiProperty({ enum: SMOKING_STATUSES, example: 'current' })
  @IsIn(SMOKING_STATUSES)
  status!: SmokingStatus;

  @ApiPropertyOptional({ minimum: 0, maximum: 200, example: 10, nullable: true, type: Number })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(200)
  cigarettesPerDay?: number | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, example: 15, description: 'Years smoked', nullable: true, type: Number })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  years?: number | null;
}

export class AlcoholDto {
  @ApiProperty({ enum: ALCOHOL_STATUSES, example: 'occasional' })
  @IsIn(ALCOHOL_STATUSES)
  status!: AlcoholStatus;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 5000,
    example: 100,
    description: 'Grams of pure alcohol per week',
    nullable: true,
    type: Number,
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(5000)
  gramsPerWeek?: number | null;
}

export class SleepDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 24, example: 7.5, nullable: true, type: Number })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 })
  @Min(0)
  @Max(24)
  hoursPerNight?: number | null;

  @ApiPropertyOptional({ enum: SLEEP_QUALITIES, nullable: true })
  @IsOptional()
  @IsIn(SLEEP_QUALITIES)
  quality?: SleepQuality | null;
}

export class LifestyleDto {
  @ApiPropertyOptional({ type: SmokingDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => SmokingDto)
  smoking?: SmokingDto | null;

  @ApiPropertyOptional({ type: AlcoholDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AlcoholDto)
  alcohol?: AlcoholDto | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 1440, example: 30, nullable: true, type: Number })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1440)
  physicalActivityMinutesPerDay?: number | null;

  @ApiPropertyOptional({ description: 'Eats vegetables and fruit every day', nullable: true, type: Boolean })
  @IsOptional()
  @IsBoolean()
  vegetablesFruitDaily?: boolean | null;

  @ApiPropertyOptional({ enum: DIET_HABITS, isArray: true, example: ['high_salt'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DIET_HABITS.length)
  @ArrayUnique()
  @IsIn(DIET_HABITS, { each: true })
  dietHabits?: DietHabit[] | null;

  @ApiPropertyOptional({ type: SleepDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => SleepDto)
  sleep?: SleepDto | null;
}

export class WomensHistoryDto {
  @ApiPropertyOptional({ minimum: 8, maximum: 20, example: 13, nullable: true, type: Number })
  @IsOptional()
  @IsInt()
  @Min(8)
  @Max(20)
  menarcheAge?: number | null;

  @ApiPropertyOptional({ description: 'Has reached menopause', nullable: true, type: Boolean })
  @IsOptional()
  @IsBoolean()
  menopause?: boolean | null;

  @ApiPropertyOptional({
    minimum: 30,
    maximum: 65,
    example: 50,
    description: 'Only with menopause = true',
    nullable: true,
    type: Number,
  })
  @IsOptional()
  @IsInt()
  @Min(30)
  @Max(65)
  menopauseAge?: number | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 30, example: 2, nullable: true, type: Number })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(30)
  pregnancies?: number | null;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 30,
    example: 1,
    description: 'Not more than pregnancies',
    nullable: true,
    type: Number,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(30)
  births?: number | null;
}

export class ResidenceDto {
  @ApiPropertyOptional({ description: 'Lives north of the Yangtze river (China-PAR input)', nullable: true, type: Boolean })
  @IsOptional()
  @IsBoolean()
  northChina?: boolean | null;

  @ApiPropertyOptional({ description: 'Lives in an urban (not rural) area (China-PAR input)', nullable: true, type: Boolean })
  @IsOptional()
  @IsBoolean()
  urban?: boolean | null;
}

const listOf = (description: string) => ({
  description: `${description}; at most ${MAX_LIST_ENTRIES} entries`,
  maxItems: MAX_LIST_ENTRIES,
});

/** The health profile (健康档案 基本信息). A PUT replaces the whole profile: fields left out become empty. */
export class ArchiveProfileDto {
  @ApiPropertyOptional({ type: BloodTypeDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => BloodTypeDto)
  bloodType?: BloodTypeDto | null;

  @ApiPropertyOptional({ type: [AllergyDto], ...listOf('Allergies (过敏史)') })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LIST_ENTRIES)
  @ValidateNested({ each: true })
  @Type(() => AllergyDto)
  allergies?: AllergyDto[] | null;

  @ApiPropertyOptional({ type: [PastConditionDto], ...listOf('Past medical history (既往史)') })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LIST_ENTRIES)
  @ValidateNested({ each: true })
  @Type(() => PastConditionDto)
  pastHistory?: PastConditionDto[] | null;

  @ApiPropertyOptional({ type: [FamilyConditionDto], ...listOf('Family history (家族史)') })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LIST_ENTRIES)
  @ValidateNested({ each: true })
  @Type(() => FamilyConditionDto)
  familyHistory?: FamilyConditionDto[] | null;

  @ApiPropertyOptional({ type: [SurgeryDto], ...listOf('Surgeries (手术史)') })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LIST_ENTRIES)
  @ValidateNested({ each: true })
  @Type(() => SurgeryDto)
  surgeries?: SurgeryDto[] | null;

  @ApiPropertyOptional({ type: [MedicationDto], ...listOf('Current medications (用药情况)') })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LIST_ENTRIES)
  @ValidateNested({ each: true })
  @Type(() => MedicationDto)
  medications?: MedicationDto[] | null;

  @ApiPropertyOptional({ type: LifestyleDto, nullable: true, description: 'Lifestyle (生活方式)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LifestyleDto)
  lifestyle?: LifestyleDto | null;

  @ApiPropertyOptional({
    type: WomensHistoryDto,
    nullable: true,
    description: "Women's history (月经婚育史); female clients only",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => WomensHistoryDto)
  womensHistory?: WomensHistoryDto | null;

  @ApiPropertyOptional({ type: ResidenceDto, nullable: true, description: 'Place of residence (China-PAR inputs)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ResidenceDto)
  residence?: ResidenceDto | null;
}
