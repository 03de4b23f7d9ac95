import type { DemoDataSummary } from './demo-data';

/** The demo logins, printed for the person who started the system (not logged: they are credentials). */
export function printDemoSummary({ staff, cards, archives, examReports, followUpPlans }: DemoDataSummary): void {
  const cardCounts = Object.entries(cards.cardsByStatus)
    .map(([status, count]) => `${status} ${count}`)
    .join(', ');
  const lines = [
    '',
    '┌─ 演示数据 Demo data ─────────────────────────────────────────────',
    `│ organisation: ${staff.organisation}`,
    ...(cards.created ? [`│ ${cards.clients.length} clients, ${archives} archives; cards: ${cardCounts}`] : []),
    `│ exam reports: ${examReports.samples} samples, ${examReports.generated} yearly reports 2021–2025`,
    ...(followUpPlans > 0 ? [`│ ${followUpPlans} post-exam follow-up plans: calls due today, overdue and coming`] : []),
    ...staff.logins.map((l) => `│ ${l.username.padEnd(20)} ${l.password}  ${l.roleName} ${l.displayName}`),
    '└──────────────────────────────────────────────────────────────────',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
