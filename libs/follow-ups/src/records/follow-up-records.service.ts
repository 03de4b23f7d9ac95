import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AppConfig, calendarDateIn, DomainError, OutboxWriter } from '@health/core';
import { ObservationsService } from '@health/archives';
import { orgIdOf, UsersService } from '@health/iam';
import { FollowUpCompleted } from '../follow-ups.events';
import { Notifier } from '../notifications/notifier.port';
import { FollowUpPlanRepository } from '../plans/follow-up-plan.repository';
import { TaskScheduler } from '../scheduling/task-scheduler';
import { FollowUpTaskRepository, type FollowUpTaskRow, type TaskTimes } from '../tasks/follow-up-task.repository';
import { FollowUpTasksService, taskNotFound } from '../tasks/follow-up-tasks.service';
import { FOLLOW_UP_METHOD_LABELS } from '../templates/follow-up-method';
import { CreateFollowUpRecordDto, FollowUpRecordDto, RecordResultDto } from './dto/follow-up-record.dto';
import { FollowUpRecordRepository, type RecordOutcome } from './follow-up-record.repository';
import { recordAuthors, toRecordDto } from './record-mapper';

/** Outcomes after which the task is done: the client answered (and perhaps declined further calls). */
const COMPLETING: ReadonlySet<RecordOutcome> = new Set(['reached', 'refused']);
/** An extra follow-up is due at this local time of its day. */
const EXTRA_TASK_TIME = '09:00';
const EXTRA_TASK_WINDOW_MS = 3 * 86_400_000;

function invalidRecord(field: string, message: string): DomainError {
  return DomainError.badRequest('FOLLOW_UP_RECORD_INVALID', message, [{ field, code: 'invalid', message }]);
}

/**
 * Follow-up records (随访记录): each call or visit with its outcome. A record that reaches the
 * client completes the task (its pending jobs go: "clear on visit") and emits `follow-up.completed`;
 * one that does not keeps the task open and counts the attempt.
 */
@Injectable()
export class FollowUpRecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: FollowUpRecordRepository,
    private readonly tasks: FollowUpTaskRepository,
    private readonly plans: FollowUpPlanRepository,
    private readonly taskService: FollowUpTasksService,
    private readonly observations: ObservationsService,
    private readonly scheduler: TaskScheduler,
    private readonly notifier: Notifier,
    private readonly outbox: OutboxWriter,
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, taskId: string, dto: CreateFollowUpRecordDto): Promise<RecordResultDto> {
    const orgId = orgIdOf(actor);
    const nextAction = dto.nextAction ?? 'close';
    if ((nextAction === 'schedule_extra') !== (dto.nextActionDate !== undefined))
      throw invalidRecord('nextActionDate', 'nextActionDate is required with schedule_extra, and only with it');
    const completes = COMPLETING.has(dto.outcome);
    const result = await this.dataSource.transaction(async (manager) => {
      const task = await this.taskService.lockOpen(manager, orgId, taskId, true);
      const clock = await this.tasks.clockOf(orgId, manager);
      const measured = await this.observations.recordFromFollowUp(
        manager,
        orgId,
        task.clientId,
        clock.today,
        dto.measuredValues ?? [],
      );
      const extra =
        dto.nextActionDate === undefined ? null : await this.insertExtraTask(manager, task, dto.nextActionDate, clock.today);
      if (completes) await this.tasks.complete(manager, task.id);
      else await this.tasks.recordAttempt(manager, task.id);
      const recordId = await this.records.insert(manager, {
        orgId,
        taskId: task.id,
        clientId: task.clientId,
        method: dto.method,
        outcome: dto.outcome,
        durationSeconds: dto.durationSeconds ?? null,
        content: dto.content?.trim() || null,
        clientCondition: dto.clientCondition?.trim() || null,
        measuredValues: measured,
        medicationAdherence: dto.medicationAdherence ?? null,
        satisfaction: dto.satisfaction ?? null,
        nextAction,
        nextActionDate: dto.nextActionDate ?? null,
        extraTaskId: extra?.id ?? null,
        recordedByType: actor.type,
        recordedById: actor.id,
      });
      if (completes) {
        await this.outbox.append(manager, {
          event: FollowUpCompleted,
          orgId,
          aggregateId: task.id,
          payload: { taskId: task.id, clientId: task.clientId, planId: task.planId, recordId, outcome: dto.outcome },
        });
        if (task.planId) await this.plans.completeIfFinished(manager, task.planId);
      }
      const notificationIds = nextAction === 'escalate' ? await this.escalate(manager, task, recordId) : [];
      return { recordId, extra, notificationIds };
    });
    if (completes) await this.scheduler.clear([taskId]);
    if (result.extra) await this.scheduler.schedule([result.extra]);
    if (result.notificationIds.length > 0) await this.notifier.deliverSoon(result.notificationIds);
    const [record, task] = await Promise.all([this.get(actor, result.recordId), this.taskService.get(actor, taskId)]);
    return { record, task };
  }

  async listOfTask(actor: Actor, taskId: string): Promise<FollowUpRecordDto[]> {
    const orgId = orgIdOf(actor);
    if (!(await this.tasks.find(orgId, taskId))) throw taskNotFound();
    const rows = await this.records.ofTask(orgId, taskId);
    const names = await this.users.displayNames(actor, recordAuthors(rows));
    return rows.map((r) => toRecordDto(r, names));
  }

  private async get(actor: Actor, id: string): Promise<FollowUpRecordDto> {
    const row = await this.records.find(orgIdOf(actor), id);
    if (!row) throw DomainError.notFound('FOLLOW_UP_RECORD_NOT_FOUND', 'Follow-up record not found');
    return toRecordDto(row, await this.users.displayNames(actor, recordAuthors([row])));
  }

  /** `schedule_extra`: one more task of the same plan, method and assignee on the given day. */
  private async insertExtraTask(manager: EntityManager, task: FollowUpTaskRow, date: string, today: string): Promise<TaskTimes> {
    if (date < today) throw invalidRecord('nextActionDate', 'nextActionDate must be today or later');
    const dueAt = await this.tasks.localMoment(manager, task.orgId, date, EXTRA_TASK_TIME);
    const [extra] = await this.tasks.insertMany(manager, [
      {
        orgId: task.orgId,
        clientId: task.clientId,
        planId: task.planId,
        stepIndex: null,
        title: `${task.title}（加随访）`,
        method: task.method,
        questionnaireId: null,
        assigneeRule: task.assigneeRule,
        assigneeUserId: task.assigneeUserId,
        clientChannels: task.clientChannels,
        dueAt,
        windowStart: dueAt,
        windowEnd: new Date(dueAt.getTime() + EXTRA_TASK_WINDOW_MS),
        remindAt: dueAt,
      },
    ]);
    return extra;
  }

  /** `escalate`: the client's manager hears of it in the inbox (or the assignee, when the client has none). */
  private async escalate(manager: EntityManager, task: FollowUpTaskRow, recordId: string): Promise<string[]> {
    const userId = task.clientManagerId ?? task.assigneeUserId;
    if (!userId) return [];
    return this.notifier.request(manager, {
      orgId: task.orgId,
      dedupeKey: `follow-up-record:${recordId}:escalate`,
      audience: 'staff',
      userId,
      channels: ['in_app'],
      template: 'follow-up.escalated',
      variables: {
        taskId: task.id,
        title: task.title,
        method: FOLLOW_UP_METHOD_LABELS[task.method],
        clientName: task.clientName,
        dueDate: calendarDateIn(this.config.tzDefault, task.dueAt),
      },
    });
  }
}
