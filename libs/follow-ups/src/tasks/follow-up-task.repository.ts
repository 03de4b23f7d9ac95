import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ClientReminderChannel, FollowUpMethod } from '../templates/follow-up-method';

export const TASK_STATUSES = ['pending', 'due', 'in_progress', 'completed', 'missed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** Statuses in which a task still waits for someone to act. */
export const OPEN_TASK_STATUSES: readonly TaskStatus[] = ['pending', 'due', 'in_progress'];

export interface FollowUpTaskRow {
  id: string;
  orgId: string;
  clientId: string;
  clientName: string;
  clientManagerId: string | null;
  planId: string | null;
  planStatus: string | null;
  planName: string | null;
  stepIndex: number | null;
  title: string;
  method: FollowUpMethod;
  questionnaireId: string | null;
  assigneeRule: string;
  assigneeUserId: string | null;
  clientChannels: ClientReminderChannel[];
  status: TaskStatus;
  dueAt: Date;
  windowStart: Date;
  windowEnd: Date;
  remindAt: Date;
  attempts: number;
  completedAt: Date | null;
  missedAt: Date | null;
  cancelledReason: string | null;
  createdAt: Date;
}

export interface NewTask {
  orgId: string;
  clientId: string;
  planId: string | null;
  stepIndex: number | null;
  title: string;
  method: FollowUpMethod;
  questionnaireId: string | null;
  assigneeRule: string;
  assigneeUserId: string | null;
  clientChannels: ClientReminderChannel[];
  dueAt: Date;
  windowStart: Date;
  windowEnd: Date;
  remindAt: Date;
}

/** What the scheduler needs of a task to (re)create its jobs. */
export interface TaskTimes {
  id: string;
  remindAt: Date;
  windowEnd: Date;
}

export type TaskView = 'today' | 'overdue' | 'upcoming' | 'done';

export interface TaskListFilter {
  view?: TaskView;
  /** A user id; null: unassigned tasks only. */
  assigneeUserId?: string | null;
  clientId?: string;
  status?: TaskStatus;
  method?: FollowUpMethod;
  planId?: string;
  now: Date;
  endOfToday: Date;
}

const COLUMNS = `t.id, t.org_id AS "orgId", t.client_id AS "clientId", c.name AS "clientName", c.manager_id AS "clientManagerId",
  t.plan_id AS "planId", p.status AS "planStatus", p.name AS "planName", t.step_index AS "stepIndex", t.title, t.method,
  t.questionnaire_id AS "questionnaireId", t.assignee_rule AS "assigneeRule", t.assignee_user_id AS "assigneeUserId",
  t.client_channels AS "clientChannels", t.status, t.due_at AS "dueAt", t.window_start AS "windowStart",
  t.window_end AS "windowEnd", t.remind_at AS "remindAt", t.attempts, t.completed_at AS "completedAt",
  t.missed_at AS "missedAt", t.cancelled_reason AS "cancelledReason", t.created_at AS "createdAt"`;

const FROM = `follow_up_task t JOIN client c ON c.id = t.client_id LEFT JOIN follow_up_plan p ON p.id = t.plan_id`;

/** Open and not held by a paused plan: what the scheduler and the to-do views work on. */
const ACTIONABLE = `t.status IN ('pending', 'due', 'in_progress') AND (p.status IS NULL OR p.status <> 'paused')`;

/**
 * The views, with the one definition of overdue: the window has ended (`now > window_end`) and the
 * task was not completed. A missed task stays overdue until someone completes it late.
 */
/** View fragments read `$2` (now) and `$3` (the end of today in the organisation's time zone). */
const VIEWS: Record<TaskView, { where: string; order: string }> = {
  today: { where: `${ACTIONABLE} AND t.due_at < $3 AND t.window_end >= $2`, order: 't.due_at, t.id' },
  overdue: {
    where: `(t.status IN ('pending', 'due', 'in_progress', 'missed')) AND (p.status IS NULL OR p.status <> 'paused') AND t.window_end < $2`,
    order: 't.window_end, t.id',
  },
  upcoming: { where: `${ACTIONABLE} AND t.due_at >= $3`, order: 't.due_at, t.id' },
  done: { where: `t.status = 'completed'`, order: 't.completed_at DESC, t.id' },
};

/** The only place that queries `follow_up_task`. */
@Injectable()
export class FollowUpTaskRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  async insertMany(manager: EntityManager, tasks: readonly NewTask[]): Promise<TaskTimes[]> {
    if (tasks.length === 0) return [];
    const column = <K extends keyof NewTask>(key: K) => tasks.map((task) => task[key]);
    return manager.query(
      `INSERT INTO follow_up_task (org_id, client_id, plan_id, step_index, title, method, questionnaire_id, assignee_rule,
                                   assignee_user_id, client_channels, due_at, window_start, window_end, remind_at)
       SELECT o, cl, pl, si, ti, me, q, ar, au, string_to_array(ch, ','), d, ws, we, r
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::text[], $7::uuid[], $8::text[], $9::uuid[],
                     $10::text[], $11::timestamptz[], $12::timestamptz[], $13::timestamptz[], $14::timestamptz[])
              AS x(o, cl, pl, si, ti, me, q, ar, au, ch, d, ws, we, r)
       RETURNING id, remind_at AS "remindAt", window_end AS "windowEnd"`,
      [
        column('orgId'),
        column('clientId'),
        column('planId'),
        column('stepIndex'),
        column('title'),
        column('method'),
        column('questionnaireId'),
        column('assigneeRule'),
        column('assigneeUserId'),
        tasks.map((t) => t.clientChannels.join(',')),
        column('dueAt'),
        column('windowStart'),
        column('windowEnd'),
        column('remindAt'),
      ],
    );
  }

  async find(orgId: string, id: string, manager?: EntityManager): Promise<FollowUpTaskRow | null> {
    const rows: FollowUpTaskRow[] = await this.m(manager).query(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE t.org_id = $1 AND t.id = $2 AND c.deleted_at IS NULL`,
      [orgId, id],
    );
    return rows[0] ?? null;
  }

  /** The task for a job: any organisation, deleted clients included (the handler cancels those). */
  async findForJob(manager: EntityManager, id: string): Promise<(FollowUpTaskRow & { clientDeleted: boolean }) | null> {
    const rows = await manager.query(
      `SELECT ${COLUMNS}, c.deleted_at IS NOT NULL AS "clientDeleted" FROM ${FROM} WHERE t.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async lock(manager: EntityManager, orgId: string, id: string): Promise<void> {
    await manager.query(`SELECT 1 FROM follow_up_task WHERE org_id = $1 AND id = $2 FOR UPDATE`, [orgId, id]);
  }

  /** pending → due, unless the plan is paused or it moved on; true when this call made it due. */
  async markDue(manager: EntityManager, id: string): Promise<boolean> {
    const [rows] = await manager.query(
      `UPDATE follow_up_task t SET status = 'due', updated_at = now()
        WHERE t.id = $1 AND t.status = 'pending'
          AND NOT EXISTS (SELECT 1 FROM follow_up_plan p WHERE p.id = t.plan_id AND p.status = 'paused')
        RETURNING t.id`,
      [id],
    );
    return (rows as unknown[]).length > 0;
  }

  /** Open → missed once its window has ended (a rescheduled task's stale job changes nothing); true when this call did. */
  async markMissed(manager: EntityManager, id: string): Promise<boolean> {
    const [rows] = await manager.query(
      `UPDATE follow_up_task t SET status = 'missed', missed_at = now(), updated_at = now()
        WHERE t.id = $1 AND t.status IN ('pending', 'due', 'in_progress') AND t.window_end <= now() + interval '5 seconds'
          AND NOT EXISTS (SELECT 1 FROM follow_up_plan p WHERE p.id = t.plan_id AND p.status = 'paused')
        RETURNING t.id`,
      [id],
    );
    return (rows as unknown[]).length > 0;
  }

  /** Cancels the open tasks of these plans; returns the cancelled ids (their jobs are to be removed). */
  async cancelOpenOfPlans(manager: EntityManager, planIds: readonly string[], reason: string): Promise<string[]> {
    if (planIds.length === 0) return [];
    const [rows] = await manager.query(
      `UPDATE follow_up_task SET status = 'cancelled', cancelled_reason = $2, updated_at = now()
        WHERE plan_id = ANY($1) AND status IN ('pending', 'due', 'in_progress') RETURNING id`,
      [planIds, reason],
    );
    return (rows as { id: string }[]).map((r) => r.id);
  }

  async cancelOpenOfClient(manager: EntityManager, orgId: string, clientId: string, reason: string): Promise<string[]> {
    const [rows] = await manager.query(
      `UPDATE follow_up_task SET status = 'cancelled', cancelled_reason = $3, updated_at = now()
        WHERE org_id = $1 AND client_id = $2 AND status IN ('pending', 'due', 'in_progress') RETURNING id`,
      [orgId, clientId, reason],
    );
    return (rows as { id: string }[]).map((r) => r.id);
  }

  async cancel(manager: EntityManager, id: string, reason: string): Promise<boolean> {
    const [rows] = await manager.query(
      `UPDATE follow_up_task SET status = 'cancelled', cancelled_reason = $2, updated_at = now()
        WHERE id = $1 AND status IN ('pending', 'due', 'in_progress', 'missed') RETURNING id`,
      [id, reason],
    );
    return (rows as unknown[]).length > 0;
  }

  /** Open tasks of a plan, for resuming it (their jobs are enqueued again). */
  openOfPlan(manager: EntityManager, planId: string): Promise<TaskTimes[]> {
    return manager.query(
      `SELECT id, remind_at AS "remindAt", window_end AS "windowEnd" FROM follow_up_task
        WHERE plan_id = $1 AND status IN ('pending', 'due', 'in_progress') ORDER BY id`,
      [planId],
    );
  }

  /** New times; a task not yet worked on waits again (pending) for its new reminder. */
  async reschedule(
    manager: EntityManager,
    id: string,
    times: { dueAt: Date; windowStart: Date; windowEnd: Date; remindAt: Date },
  ): Promise<void> {
    await manager.query(
      `UPDATE follow_up_task SET due_at = $2, window_start = $3, window_end = $4, remind_at = $5, missed_at = NULL,
              status = CASE WHEN status IN ('due', 'missed') THEN 'pending' ELSE status END, updated_at = now()
        WHERE id = $1`,
      [id, times.dueAt, times.windowStart, times.windowEnd, times.remindAt],
    );
  }

  /** Reassigns the organisation's tasks that are not closed; returns the ids changed. */
  async reassign(manager: EntityManager, orgId: string, ids: readonly string[], userId: string): Promise<string[]> {
    const [rows] = await manager.query(
      `UPDATE follow_up_task SET assignee_user_id = $3, updated_at = now()
        WHERE org_id = $1 AND id = ANY($2) AND status IN ('pending', 'due', 'in_progress', 'missed') RETURNING id`,
      [orgId, ids, userId],
    );
    return (rows as { id: string }[]).map((r) => r.id);
  }

  /** A call that did not reach the client: the attempt counts and the task stays open, in progress. */
  async recordAttempt(manager: EntityManager, id: string): Promise<void> {
    await manager.query(
      `UPDATE follow_up_task SET attempts = attempts + 1,
              status = CASE WHEN status IN ('pending', 'due') THEN 'in_progress' ELSE status END, updated_at = now()
        WHERE id = $1`,
      [id],
    );
  }

  async complete(manager: EntityManager, id: string): Promise<void> {
    await manager.query(
      `UPDATE follow_up_task SET attempts = attempts + 1, status = 'completed', completed_at = now(), updated_at = now()
        WHERE id = $1`,
      [id],
    );
  }

  async list(orgId: string, filter: TaskListFilter, offset: number, limit: number): Promise<[FollowUpTaskRow[], number]> {
    const { where, params, order } = this.filterSql(orgId, filter);
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${COLUMNS} FROM ${FROM} WHERE ${where} ORDER BY ${order} OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
        [...params, offset, limit],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM ${FROM} WHERE ${where}`, params),
    ]);
    return [rows, total];
  }

  /** How many tasks each view holds for the filter (one scan). */
  async counts(orgId: string, filter: Omit<TaskListFilter, 'view'>): Promise<Record<TaskView, number>> {
    const { where, params } = this.filterSql(orgId, filter);
    const view = (name: TaskView) => VIEWS[name].where;
    const [row] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE ${view('today')})::int AS today, count(*) FILTER (WHERE ${view('overdue')})::int AS overdue,
              count(*) FILTER (WHERE ${view('upcoming')})::int AS upcoming, count(*) FILTER (WHERE ${view('done')})::int AS done
         FROM ${FROM} WHERE ${where}`,
      params,
    );
    return row;
  }

  forClient(orgId: string, clientId: string): Promise<FollowUpTaskRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE t.org_id = $1 AND t.client_id = $2 ORDER BY t.due_at, t.id`,
      [orgId, clientId],
    );
  }

  /**
   * Tasks that should have a job, by id after `afterId`: `due` lists those waiting to become due,
   * `missed` those whose window has still to close. Deleted clients' tasks are included, so their
   * handler cancels them.
   */
  async pendingJobs(kind: 'due' | 'missed', afterId: string | null, limit: number): Promise<TaskTimes[]> {
    const statuses = kind === 'due' ? `('pending')` : `('pending', 'due', 'in_progress')`;
    return this.dataSource.query(
      `SELECT t.id, t.remind_at AS "remindAt", t.window_end AS "windowEnd" FROM follow_up_task t
        WHERE t.status IN ${statuses} AND ($1::uuid IS NULL OR t.id > $1::uuid)
          AND NOT EXISTS (SELECT 1 FROM follow_up_plan p WHERE p.id = t.plan_id AND p.status = 'paused')
        ORDER BY t.id LIMIT $2`,
      [afterId, limit],
    );
  }

  /**
   * The active user of the organisation holding the role who has the fewest open tasks (ties by
   * id): a role pool shares the work out as tasks are created.
   */
  async leastBusyWithRole(manager: EntityManager, orgId: string, roleCode: string): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `SELECT u.id FROM staff_user u
         JOIN user_role ur ON ur.user_id = u.id JOIN role r ON r.id = ur.role_id
        WHERE u.org_id = $1 AND r.org_id = $1 AND r.code = $2 AND u.status = 'active'
        ORDER BY (SELECT count(*) FROM follow_up_task t
                   WHERE t.assignee_user_id = u.id AND t.status IN ('pending', 'due', 'in_progress')), u.id
        LIMIT 1`,
      [orgId, roleCode],
    );
    return rows[0]?.id ?? null;
  }

  /** The client's assigned manager, if they are an active user. */
  async clientManagerOf(manager: EntityManager, orgId: string, clientId: string): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `SELECT u.id FROM client c JOIN staff_user u ON u.id = c.manager_id AND u.status = 'active'
        WHERE c.org_id = $1 AND c.id = $2`,
      [orgId, clientId],
    );
    return rows[0]?.id ?? null;
  }

  /** Now, the end of today and today's date in the organisation's time zone, as the database sees them. */
  async clockOf(
    orgId: string,
    manager?: EntityManager,
  ): Promise<{ now: Date; endOfToday: Date; today: string; timezone: string }> {
    const [row] = await this.m(manager).query(
      `SELECT now() AS now, o.timezone,
              (date_trunc('day', now() AT TIME ZONE o.timezone) + interval '1 day') AT TIME ZONE o.timezone AS "endOfToday",
              to_char(now() AT TIME ZONE o.timezone, 'YYYY-MM-DD') AS today
         FROM organisation o WHERE o.id = $1`,
      [orgId],
    );
    return row;
  }

  /** The instant of a local time on a calendar day in the organisation's time zone. */
  async localMoment(manager: EntityManager, orgId: string, date: string, time: string): Promise<Date> {
    const [row] = await manager.query(
      `SELECT ($2::date + $3::time) AT TIME ZONE o.timezone AS at FROM organisation o WHERE o.id = $1`,
      [orgId, date, time],
    );
    return row.at;
  }

  async isActiveUser(orgId: string, userId: string, manager?: EntityManager): Promise<boolean> {
    const rows = await this.m(manager).query(`SELECT 1 FROM staff_user WHERE org_id = $1 AND id = $2 AND status = 'active'`, [
      orgId,
      userId,
    ]);
    return rows.length > 0;
  }

  private filterSql(orgId: string, filter: TaskListFilter | Omit<TaskListFilter, 'view'>) {
    const params: unknown[] = [orgId, filter.now, filter.endOfToday];
    const conditions = ['t.org_id = $1', 'c.deleted_at IS NULL'];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      conditions.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.assigneeUserId === null) conditions.push('t.assignee_user_id IS NULL');
    else if (filter.assigneeUserId !== undefined) add('t.assignee_user_id = ?', filter.assigneeUserId);
    if (filter.clientId) add('t.client_id = ?', filter.clientId);
    if (filter.status) add('t.status = ?', filter.status);
    if (filter.method) add('t.method = ?', filter.method);
    if (filter.planId) add('t.plan_id = ?', filter.planId);
    const view = 'view' in filter ? filter.view : undefined;
    if (view) conditions.push(`(${VIEWS[view].where})`);
    // Every query binds now and the end of today, whether or not a view reads them.
    conditions.push('$2::timestamptz IS NOT NULL AND $3::timestamptz IS NOT NULL');
    return { where: conditions.join(' AND '), params, order: view ? VIEWS[view].order : 't.due_at, t.id' };
  }
}
