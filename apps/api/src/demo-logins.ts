import type { DemoSeedResult } from '@health/iam';

/** The demo logins, printed for the person who started the system (not logged: they are credentials). */
export function printDemoLogins(result: DemoSeedResult): void {
  const lines = [
    '',
    '┌─ 演示数据 Demo data ─────────────────────────────────────────────',
    `│ organisation: ${result.organisation}`,
    ...result.logins.map((l) => `│ ${l.username.padEnd(20)} ${l.password}  ${l.roleName} ${l.displayName}`),
    '└──────────────────────────────────────────────────────────────────',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
