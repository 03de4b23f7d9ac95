import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { StatsGroup } from './dto/follow-up-stats.dto';

export interface WorkloadRow {
  userId: string | null;
  name: string | null;
  open: number;
  dueToday: number;
  overdue: number;
}

export interface KpiRow {
  key: string | null;
  name: string | null;
  due: number;
  completedWithinWindow: number;
  missed: number;
  records: number;
  reached: number;
  averageSatisfaction: number | null;
}

/** Grouping key and name: the assignee, or each role of the assignee. */
const GROUPS: Record<StatsGroup | 'total', { join: string; key: string; name: string }> = {
  staff: { join: 'LEFT JOIN staff_user u ON u.id = t.assignee_user_id', key: 't.assignee_user_id::text', name: 'u.display_name' },
  team: {
    join: 'LEFT JOIN user_role ur ON ur.user_id = t.assignee_user_id LEFT JOIN role r ON r.id = ur.role_id',
    key: 'r.code',
    name: 'r.name',
  },
  total: { join: '', key: 'NULL::text', name: 'NULL::text' },
};

/** KPI queries over `follow_up_task` and `follow_up_record` (read only). */
@Injectable()
export class FollowUpStatsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One row per group for the tasks due between the local days `from` and `to` (inclusive) in the
   * organisation's time zone; records are those made on these tasks, whenever.
   */
  kpis(orgId: string, from: string, to: string, group: StatsGroup | 'total'): Promise<KpiRow[]> {
    const { join, key, name } = GROUPS[group];
    return this.dataSource.query(
      `WITH period AS (
         SELECT ($2::date)::timestamp AT TIME ZONE o.timezone AS start_at,
                ($3::date + 1)::timestamp AT TIME ZONE o.timezone AS end_at
           FROM organisation o WHERE o.id = $1
       ), task AS (
         SELECT t.*, (t.status = 'completed' AND t.completed_at <= t.window_end) AS on_time,
                rec.records, rec.reached, rec.satisfaction_sum, rec.satisfaction_count
           FROM follow_up_task t CROSS JOIN period
           JOIN client c ON c.id = t.client_id AND c.deleted_at IS NULL
           LEFT JOIN LATERAL (
             SELECT count(*)::int AS records, count(*) FILTER (WHERE r.outcome = 'reached')::int AS reached,
                    COALESCE(sum(r.satisfaction), 0)::int AS satisfaction_sum, count(r.satisfaction)::int AS satisfaction_count
               FROM follow_up_record r WHERE r.task_id = t.id
           ) rec ON true
          WHERE t.org_id = $1 AND t.status <> 'cancelled' AND t.due_at >= period.start_at AND t.due_at < period.end_at
       )
       SELECT ${key} AS key, min(${name}) AS name, count(*)::int AS due,
              count(*) FILTER (WHERE t.on_time)::int AS "completedWithinWindow",
              count(*) FILTER (WHERE t.window_end < now() AND NOT t.on_time)::int AS missed,
              COALESCE(sum(t.records), 0)::int AS records, COALESCE(sum(t.reached), 0)::int AS reached,
              CASE WHEN sum(t.satisfaction_count) > 0
                   THEN round(sum(t.satisfaction_sum)::numeric / sum(t.satisfaction_count), 2)::float8 END AS "averageSatisfaction"
         FROM task t ${join}
        GROUP BY 1 ORDER BY 2 NULLS LAST, 1 NULLS LAST`,
      [orgId, from, to],
    );
  }

  /**
   * Open and overdue tasks per assignee now (the team's workload): today ends at midnight in the
   * organisation's time zone; overdue is `now > window_end` and not completed, as everywhere.
   */
  workload(orgId: string): Promise<WorkloadRow[]> {
    return this.dataSource.query(
      `WITH day AS (
         SELECT ((now() AT TIME ZONE o.timezone)::date + 1)::timestamp AT TIME ZONE o.timezone AS end_of_today
           FROM organisation o WHERE o.id = $1
       )
       SELECT t.assignee_user_id AS "userId", min(u.display_name) AS name,
              count(*) FILTER (WHERE t.status IN ('pending', 'due', 'in_progress'))::int AS open,
              count(*) FILTER (WHERE t.status IN ('pending', 'due', 'in_progress') AND t.due_at < day.end_of_today
                                 AND t.window_end >= now())::int AS "dueToday",
              count(*) FILTER (WHERE t.window_end < now())::int AS overdue
         FROM follow_up_task t CROSS JOIN day
         JOIN client c ON c.id = t.client_id AND c.deleted_at IS NULL
         LEFT JOIN staff_user u ON u.id = t.assignee_user_id
        WHERE t.org_id = $1 AND t.status IN ('pending', 'due', 'in_progress', 'missed')
        GROUP BY t.assignee_user_id
        ORDER BY open DESC, overdue DESC, name NULLS LAST`,
      [orgId],
    );
  }
}
