import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

const CONDITION_DESCRIPTION =
  'JSON Logic (json-logic-js) over the client facts (`GET /tag-rules/facts` lists them), e.g. ' +
  '`{"or":[{">=":[{"var":"ind.SBP.value"},140]},{">=":[{"var":"ind.DBP.value"},90]}]}`. Operators: and or ! !! == != === ' +
  '!== < <= > >= in var. `<`, `<=`, `>`, `>=` with a missing value are false (unknown is never "normal"). ' +
  'null or absent: a manual tag staff put on clients.';

export const TAG_COLOUR = /^#[0-9a-fA-F]{6}$/;

export class TagReevaluationDto {
  @ApiProperty({
    enum: ['idle', 'queued', 'running', 'done'],
    description: '`queued`/`running` while a worker re-evaluates every client after the rule changed',
  })
  state!: string;

  @ApiProperty({ example: 1200, description: 'Clients to evaluate' })
  total!: number;

  @ApiProperty({ example: 600 })
  done!: number;

  @ApiProperty({ example: 14, description: 'Clients the run tagged' })
  added!: number;

  @ApiProperty({ example: 2, description: 'Clients the run untagged' })
  removed!: number;

  @ApiProperty({ example: 3, description: 'Rule version the last finished run evaluated' })
  version!: number;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  finishedAt!: string | null;
}

export class TagDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '高血压' })
  name!: string;

  @ApiProperty({ nullable: true, type: String, example: 'Hypertension' })
  nameEn!: string | null;

  @ApiProperty({ example: '#f56c6c' })
  colour!: string;

  @ApiProperty({ example: '慢病风险' })
  category!: string;

  @ApiProperty({ nullable: true, type: String })
  description!: string | null;

  @ApiProperty({ enum: ['rule', 'manual'] })
  kind!: 'rule' | 'manual';

  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: CONDITION_DESCRIPTION })
  condition!: Record<string, unknown> | null;

  @ApiProperty({ example: 2, description: 'Rule version (0 for a manual tag); stored with every tag it sets' })
  ruleVersion!: number;

  @ApiProperty({ description: 'Inactive rules are not evaluated; tags they set stay until re-activated and re-evaluated' })
  active!: boolean;

  @ApiProperty({ example: 35, description: 'Live clients holding the tag' })
  clientCount!: number;

  @ApiProperty({ type: TagReevaluationDto })
  reevaluation!: TagReevaluationDto;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class CreateTagDto {
  @ApiProperty({ example: '高血压', maxLength: 40 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  name!: string;

  @ApiPropertyOptional({ example: 'Hypertension', maxLength: 60 })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  nameEn?: string;

  @ApiProperty({ example: '#f56c6c', description: '#RRGGBB' })
  @Matches(TAG_COLOUR, { message: 'colour must be #RRGGBB' })
  colour!: string;

  @ApiProperty({ example: '慢病风险', maxLength: 40 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  category!: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: CONDITION_DESCRIPTION })
  @IsOptional()
  @IsObject()
  condition?: Record<string, unknown> | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateTagDto extends CreateTagDto {}

export class ListTagsQueryDto {
  @ApiPropertyOptional({ enum: ['rule', 'manual'] })
  @IsOptional()
  @IsIn(['rule', 'manual'])
  kind?: 'rule' | 'manual';

  @ApiPropertyOptional({ example: '慢病风险' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  category?: string;
}

export class TagPreviewRequestDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: CONDITION_DESCRIPTION })
  @IsObject()
  condition!: Record<string, unknown>;
}

export class TagPreviewDto {
  @ApiProperty({ example: 37, description: 'Clients whose current facts satisfy the condition' })
  matching!: number;

  @ApiProperty({ example: 200, description: 'Clients with facts that were evaluated' })
  evaluated!: number;

  @ApiProperty({ type: [String], description: 'Up to 10 matching client ids, for a look' })
  sampleClientIds!: string[];
}

export class FactFieldDto {
  @ApiProperty({ example: 'ind.SBP.value', description: 'The `var` path' })
  path!: string;

  @ApiProperty({ enum: ['number', 'string', 'boolean', 'list'] })
  type!: string;

  @ApiProperty({ example: '收缩压 数值' })
  label!: string;

  @ApiProperty({ example: 'Systolic blood pressure value' })
  labelEn!: string;

  @ApiProperty({ example: '检查指标', description: 'Group in the builder' })
  group!: string;

  @ApiPropertyOptional({ example: 'mmHg' })
  unit?: string;

  @ApiPropertyOptional({ type: [String], description: 'Possible values (codes) for a string or list fact' })
  values?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Display names of `values`, same order' })
  valueLabels?: string[];

  @ApiPropertyOptional({
    description:
      'An indicator retired from the dictionary: rules written before still read it, but it is not offered for new conditions',
  })
  retired?: boolean;
}

export class FactCatalogueDto {
  @ApiProperty({ type: [FactFieldDto] })
  fields!: FactFieldDto[];
}

export class ClientTagDto {
  @ApiProperty({ format: 'uuid' })
  tagId!: string;

  @ApiProperty({ example: '高血压' })
  name!: string;

  @ApiProperty({ nullable: true, type: String })
  nameEn!: string | null;

  @ApiProperty({ example: '#f56c6c' })
  colour!: string;

  @ApiProperty({ example: '慢病风险' })
  category!: string;

  @ApiProperty({ enum: ['rule', 'manual'] })
  source!: 'rule' | 'manual';

  @ApiProperty({ nullable: true, type: Number, description: 'Rule version that set it' })
  ruleVersion!: number | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Rule tags: `{ ruleVersion, facts: { path: value }, reportId, trigger }`; manual tags: `{ note }`',
  })
  evidence!: Record<string, unknown>;

  @ApiProperty({ format: 'date-time' })
  addedAt!: string;
}

export class ClientTagChangeDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  tagId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: ['added', 'removed'] })
  change!: string;

  @ApiProperty({ enum: ['rule', 'manual'] })
  source!: string;

  @ApiProperty({ nullable: true, type: Number })
  ruleVersion!: number | null;

  @ApiProperty({ type: 'object', additionalProperties: true })
  evidence!: Record<string, unknown>;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class ClientTagsDto {
  @ApiProperty({ type: [ClientTagDto] })
  tags!: ClientTagDto[];

  @ApiProperty({ type: [ClientTagChangeDto], description: 'The latest 50 changes, newest first' })
  changes!: ClientTagChangeDto[];
}

export class AddClientTagDto {
  @ApiProperty({ format: 'uuid', description: 'A manual tag (rule tags follow their rule)' })
  @IsUUID()
  tagId!: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Why, kept as the evidence' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}
