import { Injectable } from '@nestjs/common';
import { Actor } from '@health/core';
import { orgIdOf } from '@health/iam';
import { FollowUpPlansService } from '../plans/follow-up-plans.service';
import { FollowUpSeeder } from '../seeds/follow-up-seeder';
import { FollowUpTemplateRepository } from '../templates/follow-up-template.repository';

const DAY_MS = 86_400_000;

/**
 * When each demo client's post-exam plan started, in days before now. Its first call is due 7 days
 * after the start with 3 days' grace, so a new demo's workbench shows calls due today, overdue
 * calls still open, and calls coming in the next days, rather than an empty list.
 */
const PLAN_STARTED_DAYS_AGO = [7, 7, 7, 7, 7, 8, 9, 9, 10, 5, 4, 2];

/**
 * Demo follow-up plans (the seeded 检后随访 template) for the first demo clients, started through
 * the ordinary plan service so that their tasks are scheduled like any other.
 */
@Injectable()
export class FollowUpsDemoSeeder {
  constructor(
    private readonly seeder: FollowUpSeeder,
    private readonly templates: FollowUpTemplateRepository,
    private readonly plans: FollowUpPlansService,
  ) {}

  /** The number of plans started: none when the organisation has deleted the seeded template. */
  async seed(actor: Actor, clientIds: readonly string[], now = new Date()): Promise<number> {
    const orgId = orgIdOf(actor);
    await this.seeder.ensure(orgId);
    const templateId = await this.templates.idBySeedKey(orgId, 'post-exam');
    if (!templateId) return 0;
    const starts = PLAN_STARTED_DAYS_AGO.slice(0, clientIds.length);
    for (const [index, daysAgo] of starts.entries()) {
      const startAt = new Date(now.getTime() - daysAgo * DAY_MS).toISOString();
      await this.plans.create(actor, { clientId: clientIds[index], templateId, startAt });
    }
    return starts.length;
  }
}
