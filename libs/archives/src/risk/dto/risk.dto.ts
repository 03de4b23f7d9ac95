import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsBoolean, IsIn, IsNumber, IsOptional } from 'class-validator';

export class BilingualTextDto {
  @ApiProperty({ example: '中危' })
  zh!: string;

  @ApiProperty({ example: 'medium' })
  en!: string;
}

export class RefusalDto {
  @ApiProperty({ enum: ['MISSING_INPUT', 'OUT_OF_RANGE', 'UNSUPPORTED_UNIT', 'NOT_APPLICABLE'] })
  code!: string;

  @ApiProperty({ example: 'tcMmol' })
  field!: string;

  @ApiProperty({ type: BilingualTextDto })
  message!: BilingualTextDto;
}

export class InputSpecDto {
  @ApiProperty({ example: 'sbp' })
  name!: string;

  @ApiProperty({ enum: ['number', 'boolean', 'enum', 'answers'] })
  kind!: string;

  @ApiProperty()
  required!: boolean;

  @ApiPropertyOptional({ example: 'mmHg' })
  unit?: string;

  @ApiPropertyOptional({ example: 70 })
  min?: number;

  @ApiPropertyOptional({ example: 200 })
  max?: number;

  @ApiPropertyOptional({ type: [String] })
  values?: string[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: '`{ items, min, max, groups? }`: how many answers, their scale, and keyed groups (TCM-60)',
  })
  answers?: Record<string, unknown>;

  @ApiProperty({ type: BilingualTextDto })
  label!: BilingualTextDto;

  @ApiPropertyOptional({ type: BilingualTextDto })
  note?: BilingualTextDto;
}

export class RiskCategoryDto {
  @ApiProperty({ example: 'medium' })
  code!: string;

  @ApiProperty({ type: BilingualTextDto })
  label!: BilingualTextDto;
}

export class RiskModelDto {
  @ApiProperty({ example: 'china-par' })
  model!: string;

  @ApiProperty({ example: 'china-par-10y' })
  ruleId!: string;

  @ApiProperty({ example: '2026-12.1' })
  version!: string;

  @ApiProperty({ type: BilingualTextDto })
  title!: BilingualTextDto;

  @ApiProperty({ enum: ['percent', 'points', 'category'] })
  resultKind!: string;

  @ApiProperty({ type: [InputSpecDto] })
  inputs!: InputSpecDto[];

  @ApiProperty({ type: [RiskCategoryDto] })
  categories!: RiskCategoryDto[];
}

const SEX = ['male', 'female'];
const FAMILY_HISTORY = ['none', 'second_degree', 'first_degree'];

/**
 * Inputs of any model (each model reads its own; `GET /risk-models` lists them). Types are checked
 * here (400); ranges, units and populations by the model (422).
 */
export class RiskInputsDto {
  @ApiPropertyOptional({ enum: SEX }) @IsOptional() @IsIn(SEX) sex?: string;
  @ApiPropertyOptional({ description: 'Completed years' }) @IsOptional() @IsNumber() age?: number;
  @ApiPropertyOptional({ description: 'mmHg' }) @IsOptional() @IsNumber() sbp?: number;
  @ApiPropertyOptional({ description: 'mmHg' }) @IsOptional() @IsNumber() dbp?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() onAntihypertensive?: boolean;
  @ApiPropertyOptional({ description: 'mmol/L' }) @IsOptional() @IsNumber() tcMmol?: number;
  @ApiPropertyOptional({ description: 'mmol/L' }) @IsOptional() @IsNumber() hdlMmol?: number;
  @ApiPropertyOptional({ description: 'mmol/L' }) @IsOptional() @IsNumber() ldlMmol?: number;
  @ApiPropertyOptional({ description: 'mmol/L (lab value; TC − HDL-C is used when both are given)' })
  @IsOptional()
  @IsNumber()
  nonHdlMmol?: number;
  @ApiPropertyOptional({ description: 'mmol/L' }) @IsOptional() @IsNumber() tgMmol?: number;
  @ApiPropertyOptional({ description: 'mg/L' }) @IsOptional() @IsNumber() lpaMgL?: number;
  @ApiPropertyOptional({ description: 'mmol/L, venous plasma' }) @IsOptional() @IsNumber() fpgMmol?: number;
  @ApiPropertyOptional({ description: 'mmol/L, 75 g OGTT' }) @IsOptional() @IsNumber() ogtt2hMmol?: number;
  @ApiPropertyOptional({ description: 'mmol/L' }) @IsOptional() @IsNumber() randomPgMmol?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() typicalSymptoms?: boolean;
  @ApiPropertyOptional({ description: '%' }) @IsOptional() @IsNumber() hba1cPercent?: number;
  @ApiPropertyOptional({ description: 'µmol/L' }) @IsOptional() @IsNumber() uricAcidUmol?: number;
  @ApiPropertyOptional({ enum: ['cn-uric-acid-2019', 'cn-uric-acid-legacy'] })
  @IsOptional()
  @IsIn(['cn-uric-acid-2019', 'cn-uric-acid-legacy'])
  uricAcidRule?: string;
  @ApiPropertyOptional({ description: 'cm' }) @IsOptional() @IsNumber() waistCm?: number;
  @ApiPropertyOptional({ description: 'cm' }) @IsOptional() @IsNumber() heightCm?: number;
  @ApiPropertyOptional({ description: 'kg' }) @IsOptional() @IsNumber() weightKg?: number;
  @ApiPropertyOptional({ description: 'kg/m²' }) @IsOptional() @IsNumber() bmi?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() smoker?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() diabetes?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() northChina?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() urban?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() familyHistoryAscvd?: boolean;
  @ApiPropertyOptional({ enum: FAMILY_HISTORY }) @IsOptional() @IsIn(FAMILY_HISTORY) familyHistoryDiabetes?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() physicallyActive30min?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() vegetablesDaily?: boolean;
  @ApiPropertyOptional({ description: 'FINDRISC: ever taken antihypertensive medication regularly' })
  @IsOptional()
  @IsBoolean()
  everAntihypertensive?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() everHighGlucose?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() treatedDiabetes?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() treatedHypertension?: boolean;
  @ApiPropertyOptional({ description: 'Established ASCVD: China-PAR and Framingham do not apply' })
  @IsOptional()
  @IsBoolean()
  establishedAscvd?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() pregnant?: boolean;

  @ApiPropertyOptional({
    oneOf: [
      { type: 'array', items: { type: 'integer' } },
      { type: 'object', additionalProperties: { type: 'array', items: { type: 'integer' } } },
    ],
    description:
      'Questionnaire item scores: an array (PHQ-9, GAD-7, TCM-33) or, for TCM-60, an object keyed by constitution type',
  })
  @IsOptional()
  @Allow()
  answers?: unknown;
}

export class RiskEvaluationDto {
  @ApiProperty({ example: 'china-par' })
  model!: string;

  @ApiProperty({ example: 'china-par-10y' })
  ruleId!: string;

  @ApiProperty({ example: '2026-12.1', description: 'Revision of the clinical specification followed' })
  version!: string;

  @ApiProperty({ nullable: true, type: Number, example: 4.73, description: 'Score, or risk in percent, unrounded' })
  value!: number | null;

  @ApiProperty({ nullable: true, type: String, example: '%' })
  unit!: string | null;

  @ApiProperty({ nullable: true, type: String, example: '4.7 %', description: 'Rounded half-up as the rule states' })
  display!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'low' })
  category!: string | null;

  @ApiProperty({ nullable: true, type: BilingualTextDto })
  categoryLabel!: BilingualTextDto | null;

  @ApiProperty({ type: 'object', additionalProperties: true })
  details!: Record<string, unknown>;

  @ApiProperty({ type: 'object', additionalProperties: true })
  inputsUsed!: Record<string, unknown>;

  @ApiProperty({ type: [String], example: ['AGE_OUTSIDE_DERIVATION_RANGE'] })
  warnings!: string[];

  @ApiProperty({
    type: [RefusalDto],
    description: 'Inputs the model still needs (`MISSING_INPUT`); when not empty, `value` and `category` are null',
  })
  missing!: RefusalDto[];
}

export class RiskAssessmentDto extends RiskEvaluationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['ok', 'missing', 'refused'], description: '`refused`: out of range or not applicable (see `refusals`)' })
  status!: string;

  @ApiProperty({ type: [RefusalDto] })
  refusals!: RefusalDto[];

  @ApiProperty({ example: 'report.ingested', description: 'What caused the assessment' })
  trigger!: string;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  reportId!: string | null;

  @ApiProperty({ format: 'date-time' })
  assessedAt!: string;
}

export class ClientRiskAssessmentsDto {
  @ApiProperty({ type: [RiskAssessmentDto], description: 'The current result of every model, by model name' })
  items!: RiskAssessmentDto[];
}

export class RiskAssessmentHistoryDto {
  @ApiProperty({ type: [RiskAssessmentDto], description: 'Oldest first; a new entry only when the result changed' })
  items!: RiskAssessmentDto[];
}
