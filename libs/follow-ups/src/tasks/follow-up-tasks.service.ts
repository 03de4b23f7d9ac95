import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService, DomainError, Page, pageOf, pageOffset } from '@health/core';
import { ClientFactsService, IndicatorDictionaryService } from '@health/archives';
import { ClientsService } from '@health/cards';
import { orgIdOf, UsersService } from '@health/iam';
import { FollowUpRecordRepository } from '../records/follow-up-record.repository';
import { recordAuthors, toRecordDto } from '../records/record-mapper';
import { TaskScheduler } from '../scheduling/task-scheduler';
import { ClientSummaryDto, FollowUpTaskDetailDto } from './dto/follow-up-task-detail.dto';
import {
  BulkReassignFollowUpTasksDto,
  BulkReassignResultDto,
  CancelFollowUpTaskDto,
  CreateFollowUpTaskDto,
  FollowUpTaskCountsDto,
  FollowUpTaskCountsQueryDto,
  FollowUpTaskDto,
  ListFollowUpTasksQueryDto,
  RescheduleFollowUpTaskDto,
} from './dto/follow-up-task.dto';
import { FollowUpTaskRepository, type FollowUpTaskRow } from './follow-up-task.repository';
import { toTaskDto } from './task-mapper';

const DAY_MS = 86_400_000;
const DEFAULT_WINDOW_DAYS = 3;
const HISTORY_LIMIT = 20;

export function taskNotFound(): DomainError {
  return DomainError.notFound('FOLLOW_UP_TASK_NOT_FOUND', 'Follow-up task not found');
}

export function taskClosed(status: string): DomainError {
  return DomainError.conflict('FOLLOW_UP_TASK_CLOSED', `The task is ${status}: nothing more can be done on it`);
}

function assigneeNotFound(): DomainError {
  return DomainError.unprocessable('FOLLOW_UP_ASSIGNEE_INVALID', 'The assignee is not an active user of the organisation', [
    { field: 'assigneeUserId', code: 'activeUser', message: 'assigneeUserId must be an active user of the organisation' },
  ]);
}

/**
 * The follow-up workbench: task lists and counts per view, a task with its client summary, and the
 * hand operations on single tasks (create, reschedule, reassign, cancel).
 */
@Injectable()
export class FollowUpTasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tasks: FollowUpTaskRepository,
    private readonly records: FollowUpRecordRepository,
    private readonly scheduler: TaskScheduler,
    private readonly users: UsersService,
    private readonly clients: ClientsService,
    private readonly facts: ClientFactsService,
    private readonly dictionary: IndicatorDictionaryService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, query: ListFollowUpTasksQueryDto): Promise<Page<FollowUpTaskDto>> {
    const orgId = orgIdOf(actor);
    const clock = await this.tasks.clockOf(orgId);
    const [rows, total] = await this.tasks.list(
      orgId,
      {
        view: query.view,
        assigneeUserId: assigneeFilter(actor, query.assignee),
        clientId: query.clientId,
        planId: query.planId,
        status: query.status,
        method: query.method,
        now: clock.now,
        endOfToday: clock.endOfToday,
      },
      pageOffset(query),
      query.pageSize,
    );
    return pageOf(await this.toDtos(actor, rows, clock.now), total, query);
  }

  async counts(actor: Actor, query: FollowUpTaskCountsQueryDto): Promise<FollowUpTaskCountsDto> {
    const orgId = orgIdOf(actor);
    const clock = await this.tasks.clockOf(orgId);
    return this.tasks.counts(orgId, {
      assigneeUserId: assigneeFilter(actor, query.assignee),
      now: clock.now,
      endOfToday: clock.endOfToday,
    });
  }

  async get(actor: Actor, id: string): Promise<FollowUpTaskDto> {
    const orgId = orgIdOf(actor);
    const row = await this.tasks.find(orgId, id);
    if (!row) throw taskNotFound();
    const [dto] = await this.toDtos(actor, [row], (await this.tasks.clockOf(orgId)).now);
    return dto;
  }

  /** The task page: the task, the client's summary (tags, risks, abnormal items) and previous records. */
  async detail(actor: Actor, id: string): Promise<FollowUpTaskDetailDto> {
    const orgId = orgIdOf(actor);
    const task = await this.get(actor, id);
    const [summary, history] = await Promise.all([
      this.clientSummary(orgId, task.clientId, task.clientName),
      this.records.ofClient(orgId, task.clientId, HISTORY_LIMIT),
    ]);
    const names = await this.users.displayNames(actor, recordAuthors(history));
    await this.audit.record({ action: 'follow_up_task.read', targetType: 'client', targetId: task.clientId });
    return { task, client: summary, records: history.map((r) => toRecordDto(r, names)) };
  }

  /** A single task made by hand, outside any plan; assigned to the client's manager unless said otherwise. */
  async create(actor: Actor, dto: CreateFollowUpTaskDto): Promise<FollowUpTaskDto> {
    const orgId = orgIdOf(actor);
    const dueAt = new Date(dto.dueAt);
    const created = await this.dataSource.transaction(async (manager) => {
      await this.clients.assertClientExists(dto.clientId, manager);
      const assignee = dto.assigneeUserId
        ? await this.requireActiveUser(orgId, dto.assigneeUserId, manager)
        : await this.tasks.clientManagerOf(manager, orgId, dto.clientId);
      const [times] = await this.tasks.insertMany(manager, [
        {
          orgId,
          clientId: dto.clientId,
          planId: null,
          stepIndex: null,
          title: dto.title.trim(),
          method: dto.method,
          questionnaireId: null,
          assigneeRule: dto.assigneeUserId ? 'manual' : 'client_manager',
          assigneeUserId: assignee,
          clientChannels: [],
          dueAt,
          windowStart: dueAt,
          windowEnd: new Date(dueAt.getTime() + (dto.windowDaysAfter ?? DEFAULT_WINDOW_DAYS) * DAY_MS),
          remindAt: dueAt,
        },
      ]);
      return times;
    });
    await this.scheduler.schedule([created]);
    return this.get(actor, created.id);
  }

  /** New due time (and window); its reminder and missed jobs move with it. */
  async reschedule(actor: Actor, id: string, dto: RescheduleFollowUpTaskDto): Promise<FollowUpTaskDto> {
    const orgId = orgIdOf(actor);
    const dueAt = new Date(dto.dueAt);
    const times = await this.dataSource.transaction(async (manager) => {
      const task = await this.lockOpen(manager, orgId, id, true);
      const before = task.dueAt.getTime() - task.windowStart.getTime();
      const after =
        dto.windowDaysAfter === undefined ? task.windowEnd.getTime() - task.dueAt.getTime() : dto.windowDaysAfter * DAY_MS;
      const lead = task.dueAt.getTime() - task.remindAt.getTime();
      const next = {
        dueAt,
        windowStart: new Date(dueAt.getTime() - before),
        windowEnd: new Date(dueAt.getTime() + after),
        remindAt: new Date(dueAt.getTime() - lead),
      };
      await this.tasks.reschedule(manager, id, next);
      return { id, remindAt: next.remindAt, windowEnd: next.windowEnd };
    });
    await this.scheduler.reschedule([times]);
    return this.get(actor, id);
  }

  async reassign(actor: Actor, id: string, assigneeUserId: string): Promise<FollowUpTaskDto> {
    const orgId = orgIdOf(actor);
    await this.dataSource.transaction(async (manager) => {
      await this.lockOpen(manager, orgId, id, true);
      await this.requireActiveUser(orgId, assigneeUserId, manager);
      await this.tasks.reassign(manager, orgId, [id], assigneeUserId);
    });
    return this.get(actor, id);
  }

  /** Many tasks to one person (a manager balancing the team); closed or unknown ids are left out of the answer. */
  async reassignMany(actor: Actor, dto: BulkReassignFollowUpTasksDto): Promise<BulkReassignResultDto> {
    const orgId = orgIdOf(actor);
    const reassigned = await this.dataSource.transaction(async (manager) => {
      await this.requireActiveUser(orgId, dto.assigneeUserId, manager);
      return this.tasks.reassign(manager, orgId, [...new Set(dto.taskIds)], dto.assigneeUserId);
    });
    return { reassigned };
  }

  async cancel(actor: Actor, id: string, dto: CancelFollowUpTaskDto): Promise<FollowUpTaskDto> {
    const orgId = orgIdOf(actor);
    await this.dataSource.transaction(async (manager) => {
      await this.lockOpen(manager, orgId, id, true);
      await this.tasks.cancel(manager, id, dto.reason.trim());
    });
    await this.scheduler.clear([id]);
    return this.get(actor, id);
  }

  /** The task, locked; 404 when unknown, 409 when completed or cancelled (missed ones may still be worked on). */
  async lockOpen(manager: EntityManager, orgId: string, id: string, allowMissed: boolean): Promise<FollowUpTaskRow> {
    await this.tasks.lock(manager, orgId, id);
    const task = await this.tasks.find(orgId, id, manager);
    if (!task) throw taskNotFound();
    if (task.status === 'completed' || task.status === 'cancelled' || (task.status === 'missed' && !allowMissed))
      throw taskClosed(task.status);
    return task;
  }

  async toDtos(actor: Actor, rows: readonly FollowUpTaskRow[], now: Date): Promise<FollowUpTaskDto[]> {
    const ids = [...new Set(rows.flatMap((r) => (r.assigneeUserId ? [r.assigneeUserId] : [])))];
    const names = await this.users.displayNames(actor, ids);
    return rows.map((row) => toTaskDto(row, names, now));
  }

  private async requireActiveUser(orgId: string, userId: string, manager: EntityManager): Promise<string> {
    if (!(await this.tasks.isActiveUser(orgId, userId, manager))) throw assigneeNotFound();
    return userId;
  }

  private async clientSummary(orgId: string, clientId: string, name: string): Promise<ClientSummaryDto> {
    const facts = await this.facts.factsOf(orgId, clientId);
    if (!facts) return { id: clientId, name, tags: [], risks: [], abnormalItems: [] };
    const abnormal = Object.entries(facts.ind).filter(([, fact]) => fact.abnormal !== 'normal');
    const definitions = await this.dictionary.current(
      orgId,
      abnormal.map(([code]) => code),
    );
    const byCode = new Map(definitions.map((d) => [d.code, d]));
    return {
      id: clientId,
      name,
      tags: facts.tags,
      risks: Object.entries(facts.risk).map(([model, risk]) => ({ model, category: risk.category, value: risk.value })),
      abnormalItems: abnormal.map(([code, fact]) => ({
        code,
        name: byCode.get(code)?.nameZh ?? code,
        value: fact.value,
        unit: byCode.get(code)?.unit ?? '',
        abnormal: fact.abnormal,
        date: fact.date,
      })),
    };
  }
}

/** `me` → the caller, `none` → the unassigned pool (null), an id → that user, absent → everyone. */
function assigneeFilter(actor: Actor, assignee: string | undefined): string | null | undefined {
  if (assignee === undefined) return undefined;
  if (assignee === 'me') return actor.id;
  if (assignee === 'none') return null;
  return assignee;
}
