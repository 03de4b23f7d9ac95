import { Injectable } from '@nestjs/common';
import { Actor, DomainError } from '@health/core';
import { orgIdOf } from '@health/iam';
import { FollowUpKpiDto, FollowUpStatsDto, FollowUpStatsQueryDto, FollowUpWorkloadDto } from './dto/follow-up-stats.dto';
import { FollowUpStatsRepository, type KpiRow } from './follow-up-stats.repository';

const MAX_PERIOD_DAYS = 366;

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

function toKpi(row: KpiRow, fallbackName: string): FollowUpKpiDto {
  return {
    key: row.key,
    name: row.name ?? fallbackName,
    due: row.due,
    completedWithinWindow: row.completedWithinWindow,
    missed: row.missed,
    onTimeRate: ratio(row.completedWithinWindow, row.completedWithinWindow + row.missed),
    records: row.records,
    reachRate: ratio(row.reached, row.records),
    averageSatisfaction: row.averageSatisfaction,
  };
}

function invalidPeriod(message: string): DomainError {
  return DomainError.badRequest('VALIDATION_FAILED', 'Request validation failed', [{ field: 'from', code: 'period', message }]);
}

/** Follow-up KPIs by staff member or team (role) over a period of due dates. */
@Injectable()
export class FollowUpStatsService {
  constructor(private readonly stats: FollowUpStatsRepository) {}

  async kpis(actor: Actor, query: FollowUpStatsQueryDto): Promise<FollowUpStatsDto> {
    const orgId = orgIdOf(actor);
    const from = Date.parse(`${query.from}T00:00:00Z`);
    const to = Date.parse(`${query.to}T00:00:00Z`);
    if (Number.isNaN(from) || Number.isNaN(to)) throw invalidPeriod('from and to must be calendar dates');
    if (from > to) throw invalidPeriod(`from (${query.from}) is after to (${query.to})`);
    if ((to - from) / 86_400_000 >= MAX_PERIOD_DAYS) throw invalidPeriod(`the period may span at most ${MAX_PERIOD_DAYS} days`);
    const groupBy = query.groupBy ?? 'staff';
    const [groups, [total]] = await Promise.all([
      this.stats.kpis(orgId, query.from, query.to, groupBy),
      this.stats.kpis(orgId, query.from, query.to, 'total'),
    ]);
    const empty: KpiRow = {
      key: null,
      name: null,
      due: 0,
      completedWithinWindow: 0,
      missed: 0,
      records: 0,
      reached: 0,
      averageSatisfaction: null,
    };
    return {
      from: query.from,
      to: query.to,
      groupBy,
      groups: groups.map((row) => toKpi(row, '未分配')),
      total: toKpi(total ?? empty, '合计'),
    };
  }

  async workload(actor: Actor): Promise<FollowUpWorkloadDto> {
    const rows = await this.stats.workload(orgIdOf(actor));
    return { items: rows.map((row) => ({ ...row, name: row.name ?? '未分配' })) };
  }
}
