import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

export const STATS_GROUPS = ['staff', 'team'] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];

export class FollowUpStatsQueryDto {
  @ApiProperty({ example: '2026-11-01', description: 'First day (organisation time zone) of the tasks’ due dates' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2026-11-30', description: 'Last day, included' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be YYYY-MM-DD' })
  to!: string;

  @ApiPropertyOptional({
    enum: STATS_GROUPS,
    default: 'staff',
    description: '`team`: by the assignee’s roles (a user with two roles counts in both)',
  })
  @IsOptional()
  @IsIn(STATS_GROUPS)
  groupBy?: StatsGroup;
}

export class FollowUpKpiDto {
  @ApiProperty({ type: String, nullable: true, description: 'User id or role code; null: unassigned tasks' })
  key!: string | null;

  @ApiProperty({ example: '李护士', description: 'Display name or role name; 未分配 for unassigned' })
  name!: string;

  @ApiProperty({ description: 'Tasks due in the period (cancelled ones left out)' })
  due!: number;

  @ApiProperty({ description: 'Completed before their window ended' })
  completedWithinWindow!: number;

  @ApiProperty({ description: 'Window ended without completion inside it (the one definition of overdue)' })
  missed!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.8,
    description: 'completedWithinWindow / (completedWithinWindow + missed); null before any is decided',
  })
  onTimeRate!: number | null;

  @ApiProperty({ description: 'Records made on these tasks' })
  records!: number;

  @ApiProperty({ type: Number, nullable: true, example: 0.75, description: 'Records with outcome reached / records' })
  reachRate!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 4.5, description: 'Average satisfaction (1–5) of records that have one' })
  averageSatisfaction!: number | null;
}

export class FollowUpStatsDto {
  @ApiProperty({ example: '2026-11-01' })
  from!: string;

  @ApiProperty({ example: '2026-11-30' })
  to!: string;

  @ApiProperty({ enum: STATS_GROUPS })
  groupBy!: StatsGroup;

  @ApiProperty({ type: [FollowUpKpiDto] })
  groups!: FollowUpKpiDto[];

  @ApiProperty({ type: FollowUpKpiDto, description: 'All tasks of the period (key null, name 合计)' })
  total!: FollowUpKpiDto;
}

export class FollowUpWorkloadRowDto {
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'null: tasks in the unassigned pool' })
  userId!: string | null;

  @ApiProperty({ example: '李护士', description: 'Display name; 未分配 for the pool' })
  name!: string;

  @ApiProperty({ example: 12, description: 'Open tasks (pending, due, in progress)' })
  open!: number;

  @ApiProperty({ example: 3, description: 'Open tasks due by the end of today whose window is not over' })
  dueToday!: number;

  @ApiProperty({
    example: 1,
    description: 'Tasks whose window is over and that are not completed (the one definition of overdue)',
  })
  overdue!: number;
}

export class FollowUpWorkloadDto {
  @ApiProperty({ type: [FollowUpWorkloadRowDto], description: 'Most open tasks first' })
  items!: FollowUpWorkloadRowDto[];
}
