import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ActorType } from '@health/core';
import { ClientFactsService, evaluateCondition } from '@health/archives';
import { FollowUpTaskRepository, type NewTask, type TaskTimes } from '../tasks/follow-up-task.repository';
import type { FollowUpTemplateRow } from '../templates/follow-up-template.repository';
import { planTasks, type AssigneeRule } from '../templates/template-steps';
import { FollowUpPlanRepository } from './follow-up-plan.repository';

export interface PlanStart {
  orgId: string;
  clientId: string;
  /** Together with client and template: the plan's identity; the same key again creates nothing. */
  triggerKey: string;
  triggerType: string;
  /** The moment the steps' offsets count from. */
  anchorAt: Date;
  cardId: string | null;
  createdBy: { type: ActorType; id: string | null };
  /** Hand-made plans skip the template's condition (staff chose the client); the steps' conditions still apply. */
  checkCondition: boolean;
}

export interface StartedPlan {
  planId: string;
  tasks: TaskTimes[];
}

/**
 * Turns a template into a client's plan and its task rows, inside the caller's transaction; the
 * caller schedules the returned tasks' jobs after committing.
 */
@Injectable()
export class PlanBuilder {
  constructor(
    private readonly plans: FollowUpPlanRepository,
    private readonly tasks: FollowUpTaskRepository,
    private readonly facts: ClientFactsService,
  ) {}

  /** Null when nothing was started: condition false, no step applies, or this trigger already started it. */
  async start(manager: EntityManager, template: FollowUpTemplateRow, start: PlanStart): Promise<StartedPlan | null> {
    const facts = await this.facts.factsOf(start.orgId, start.clientId, manager);
    if (start.checkCondition && template.condition && (facts === null || !evaluateCondition(template.condition, facts)))
      return null;
    const planned = planTasks(template.steps, start.anchorAt, facts);
    if (planned.length === 0) return null;
    const planId = await this.plans.insertOnce(manager, {
      orgId: start.orgId,
      clientId: start.clientId,
      templateId: template.id,
      templateVersion: template.version,
      name: template.name,
      triggerType: start.triggerType,
      triggerKey: start.triggerKey,
      cardId: start.cardId,
      anchorAt: start.anchorAt,
      createdByType: start.createdBy.type,
      createdById: start.createdBy.id,
    });
    if (planId === null) return null;
    const assignees = new Map<AssigneeRule, string | null>();
    for (const rule of new Set(planned.map((t) => t.assignee)))
      assignees.set(rule, await this.resolveAssignee(manager, start.orgId, start.clientId, rule));
    const rows: NewTask[] = planned.map((task) => ({
      orgId: start.orgId,
      clientId: start.clientId,
      planId,
      stepIndex: task.stepIndex,
      title: task.title,
      method: task.method,
      questionnaireId: task.questionnaireId,
      assigneeRule: task.assignee,
      assigneeUserId: assignees.get(task.assignee) ?? null,
      clientChannels: task.clientChannels,
      dueAt: task.dueAt,
      windowStart: task.windowStart,
      windowEnd: task.windowEnd,
      remindAt: task.remindAt,
    }));
    return { planId, tasks: await this.tasks.insertMany(manager, rows) };
  }

  /**
   * The client's manager, or the least busy active member of the role (one person for all of a
   * plan's tasks: the client hears the same voice). Null leaves the task in the unassigned pool.
   */
  async resolveAssignee(manager: EntityManager, orgId: string, clientId: string, rule: AssigneeRule): Promise<string | null> {
    if (rule === 'client_manager') return this.tasks.clientManagerOf(manager, orgId, clientId);
    return this.tasks.leastBusyWithRole(manager, orgId, rule.slice('role:'.length));
  }
}
