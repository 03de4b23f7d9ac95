import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { ArchivesDemoSeeder, ExamReportsDemoResult, ExamReportsDemoSeeder } from '@health/archives';
import { CardsDemoResult, CardsDemoSeeder } from '@health/cards';
import { Actor, RequestContext } from '@health/core';
import { FollowUpsDemoSeeder } from '@health/follow-ups';
import { BUILT_IN_ROLES, DemoSeeder, DemoSeedResult } from '@health/iam';

export interface DemoDataSummary {
  staff: DemoSeedResult;
  cards: CardsDemoResult;
  archives: number;
  examReports: ExamReportsDemoResult;
  /** Post-exam follow-up plans started, with calls due today, overdue and coming. */
  followUpPlans: number;
}

/**
 * The demo organisation: staff of every role (iam), then clients, card types and cards (cards),
 * archives and exam reports (archives) and follow-up plans (follow-ups), entered by the demo
 * administrator through the ordinary services. Each part is added once; running it again adds
 * nothing.
 */
export async function seedDemoData(app: INestApplicationContext): Promise<DemoDataSummary> {
  const staff = await app.get(DemoSeeder).seed();
  const adminPermissions = BUILT_IN_ROLES.find((role) => role.code === 'admin')!.permissions;
  const actor: Actor = {
    type: 'user',
    id: staff.adminUserId,
    orgId: staff.organisationId,
    permissions: new Set(adminPermissions),
    isPlatformAdmin: false,
  };
  return RequestContext.run({ requestId: `demo-seed-${randomUUID()}`, actor }, async () => {
    const managers = [staff.staffIdsByRole.manager, staff.staffIdsByRole.doctor];
    const cards = await app.get(CardsDemoSeeder).seed(actor, managers);
    const archives = cards.created ? await app.get(ArchivesDemoSeeder).seed(actor, cards.clients) : 0;
    // Stored reports answer a replay and change nothing, so the samples may be sent on every run.
    const examReports = await app.get(ExamReportsDemoSeeder).seed(actor, cards.created ? cards.clients : []);
    const followUpPlans = cards.created
      ? await app.get(FollowUpsDemoSeeder).seed(
          actor,
          cards.clients.map((client) => client.id),
        )
      : 0;
    return { staff, cards, archives, examReports, followUpPlans };
  });
}
