import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService, DomainError } from '@health/core';
import { ClientsService } from '@health/cards';
import { orgIdOf, UsersService } from '@health/iam';
import { FollowUpRecordRepository } from '../records/follow-up-record.repository';
import { recordAuthors, toRecordDto } from '../records/record-mapper';
import { TaskScheduler } from '../scheduling/task-scheduler';
import { FollowUpTaskRepository } from '../tasks/follow-up-task.repository';
import { FollowUpTasksService } from '../tasks/follow-up-tasks.service';
import { FollowUpTemplateRepository } from '../templates/follow-up-template.repository';
import { templateNotFound } from '../templates/follow-up-templates.service';
import { ClientFollowUpsDto, CreateFollowUpPlanDto, FollowUpPlanDto, StopFollowUpPlanDto } from './dto/follow-up-plan.dto';
import { FollowUpPlanRepository, type FollowUpPlanRow, type PlanStatus } from './follow-up-plan.repository';
import { PlanBuilder } from './plan-builder';

const CLIENT_RECORDS_LIMIT = 100;

function planNotFound(): DomainError {
  return DomainError.notFound('FOLLOW_UP_PLAN_NOT_FOUND', 'Follow-up plan not found');
}

function wrongStatus(status: PlanStatus, action: string): DomainError {
  return DomainError.conflict('FOLLOW_UP_PLAN_INVALID_TRANSITION', `A ${status} plan cannot be ${action}`);
}

/**
 * Plans by hand: start one from a template for a client, pause it (tasks wait, no reminders),
 * resume it, stop it (open tasks cancelled). Also a client's whole follow-up history.
 */
@Injectable()
export class FollowUpPlansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: FollowUpPlanRepository,
    private readonly tasks: FollowUpTaskRepository,
    private readonly templates: FollowUpTemplateRepository,
    private readonly records: FollowUpRecordRepository,
    private readonly builder: PlanBuilder,
    private readonly scheduler: TaskScheduler,
    private readonly taskService: FollowUpTasksService,
    private readonly clients: ClientsService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Starts the template for the client now (or at `startAt`). The template's condition is not
   * checked (staff chose the client); its steps' conditions are. No step applying → 422.
   */
  async create(actor: Actor, dto: CreateFollowUpPlanDto): Promise<FollowUpPlanDto> {
    const orgId = orgIdOf(actor);
    const started = await this.dataSource.transaction(async (manager) => {
      await this.clients.assertClientExists(dto.clientId, manager);
      const template = await this.templates.find(orgId, dto.templateId, manager);
      if (!template) throw templateNotFound();
      const plan = await this.builder.start(manager, template, {
        orgId,
        clientId: dto.clientId,
        triggerKey: `manual:${randomUUID()}`,
        triggerType: 'manual',
        anchorAt: dto.startAt ? new Date(dto.startAt) : new Date(),
        cardId: null,
        createdBy: { type: actor.type, id: actor.id },
        checkCondition: false,
      });
      if (!plan)
        throw DomainError.unprocessable(
          'FOLLOW_UP_PLAN_EMPTY',
          'No step of the template applies to this client (step conditions)',
        );
      return plan;
    });
    await this.scheduler.schedule(started.tasks);
    return this.get(actor, started.planId);
  }

  async get(actor: Actor, id: string): Promise<FollowUpPlanDto> {
    const orgId = orgIdOf(actor);
    const plan = await this.plans.find(orgId, id);
    if (!plan) throw planNotFound();
    const tasks = await this.taskService.list(actor, { planId: id, page: 1, pageSize: 100 });
    return toPlanDto(plan, tasks.items);
  }

  /** Open tasks wait: no reminders, not missed, out of the to-do views, until the plan resumes. */
  async pause(actor: Actor, id: string): Promise<FollowUpPlanDto> {
    const orgId = orgIdOf(actor);
    const cleared = await this.dataSource.transaction(async (manager) => {
      const plan = await this.lockPlan(manager, orgId, id);
      if (plan.status !== 'active') throw wrongStatus(plan.status, 'paused');
      await this.plans.setStatus(manager, id, 'paused');
      return this.tasks.openOfPlan(manager, id);
    });
    await this.scheduler.clear(cleared.map((t) => t.id));
    return this.get(actor, id);
  }

  async resume(actor: Actor, id: string): Promise<FollowUpPlanDto> {
    const orgId = orgIdOf(actor);
    const open = await this.dataSource.transaction(async (manager) => {
      const plan = await this.lockPlan(manager, orgId, id);
      if (plan.status !== 'paused') throw wrongStatus(plan.status, 'resumed');
      await this.plans.setStatus(manager, id, 'active');
      return this.tasks.openOfPlan(manager, id);
    });
    await this.scheduler.reschedule(open);
    return this.get(actor, id);
  }

  async stop(actor: Actor, id: string, dto: StopFollowUpPlanDto): Promise<FollowUpPlanDto> {
    const orgId = orgIdOf(actor);
    const cancelled = await this.dataSource.transaction(async (manager) => {
      const plan = await this.lockPlan(manager, orgId, id);
      if (plan.status !== 'active' && plan.status !== 'paused') throw wrongStatus(plan.status, 'stopped');
      await this.plans.setStatus(manager, id, 'stopped', dto.reason.trim());
      return this.tasks.cancelOpenOfPlans(manager, [id], 'plan_stopped');
    });
    await this.scheduler.clear(cancelled);
    return this.get(actor, id);
  }

  /** The client's 随访 tab: plans with their timelines, single tasks, records. */
  async ofClient(actor: Actor, clientId: string): Promise<ClientFollowUpsDto> {
    const orgId = orgIdOf(actor);
    await this.clients.assertClientExists(clientId);
    const [plans, taskRows, records, clock] = await Promise.all([
      this.plans.forClient(orgId, clientId),
      this.tasks.forClient(orgId, clientId),
      this.records.ofClient(orgId, clientId, CLIENT_RECORDS_LIMIT),
      this.tasks.clockOf(orgId),
    ]);
    const tasks = await this.taskService.toDtos(actor, taskRows, clock.now);
    const names = await this.users.displayNames(actor, recordAuthors(records));
    await this.audit.record({ action: 'follow_ups.read', targetType: 'client', targetId: clientId });
    return {
      plans: plans.map((plan) =>
        toPlanDto(
          plan,
          tasks.filter((t) => t.planId === plan.id),
        ),
      ),
      singleTasks: tasks.filter((t) => t.planId === null),
      records: records.map((r) => toRecordDto(r, names)),
    };
  }

  private async lockPlan(manager: EntityManager, orgId: string, id: string): Promise<FollowUpPlanRow> {
    const plan = await this.plans.lock(manager, orgId, id);
    if (!plan) throw planNotFound();
    return plan;
  }
}

function toPlanDto(plan: FollowUpPlanRow, tasks: FollowUpPlanDto['tasks']): FollowUpPlanDto {
  return {
    id: plan.id,
    clientId: plan.clientId,
    templateId: plan.templateId,
    templateVersion: plan.templateVersion,
    name: plan.name,
    triggerType: plan.triggerType,
    status: plan.status,
    stopReason: plan.stopReason,
    anchorAt: plan.anchorAt.toISOString(),
    createdAt: plan.createdAt.toISOString(),
    tasks,
  };
}
