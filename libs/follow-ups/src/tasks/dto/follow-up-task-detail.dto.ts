import { ApiProperty } from '@nestjs/swagger';
import { FollowUpRecordDto } from '../../records/dto/follow-up-record.dto';
import { FollowUpTaskDto } from './follow-up-task.dto';

export class ClientRiskDto {
  @ApiProperty({ example: 'china-par' })
  model!: string;

  @ApiProperty({ type: String, nullable: true, example: 'high' })
  category!: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 12.3 })
  value!: number | null;
}

export class AbnormalItemDto {
  @ApiProperty({ example: 'SBP' })
  code!: string;

  @ApiProperty({ example: '收缩压' })
  name!: string;

  @ApiProperty({ oneOf: [{ type: 'number' }, { type: 'string' }], example: 152 })
  value!: number | string;

  @ApiProperty({ example: 'mmHg' })
  unit!: string;

  @ApiProperty({ enum: ['high', 'low', 'abnormal'] })
  abnormal!: string;

  @ApiProperty({ example: '2026-11-20' })
  date!: string;
}

/** What a follow-up agent needs to see before calling: from the client's current facts. */
export class ClientSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '王五' })
  name!: string;

  @ApiProperty({ type: [String], example: ['高血压'] })
  tags!: string[];

  @ApiProperty({ type: [ClientRiskDto] })
  risks!: ClientRiskDto[];

  @ApiProperty({ type: [AbnormalItemDto], description: 'Latest value of each indicator, when it is abnormal' })
  abnormalItems!: AbnormalItemDto[];
}

export class FollowUpTaskDetailDto {
  @ApiProperty({ type: FollowUpTaskDto })
  task!: FollowUpTaskDto;

  @ApiProperty({ type: ClientSummaryDto })
  client!: ClientSummaryDto;

  @ApiProperty({ type: [FollowUpRecordDto], description: 'The client’s previous records, newest first (up to 20)' })
  records!: FollowUpRecordDto[];
}
