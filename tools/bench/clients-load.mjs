// The client-create load both client benchmarks send (clients-create.mjs against the bare handler,
// clients-create-ab.mjs between two builds): new clients with valid resident ID numbers, POSTed with
// a number in flight, and the CPU the server, PostgreSQL and this process spent on them.
import { cpuSecondsOf, postgresCpuSeconds } from './bench-kit.mjs';

/** Valid resident ID numbers (GB 11643), all different, with matching birth dates and sexes. */
export function* people() {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  for (let n = 0; ; n++) {
    const birth = new Date(Date.UTC(1950, 0, 1) + (n % 18000) * 86_400_000).toISOString().slice(0, 10);
    const sequence = String(Math.floor(n / 18000) % 1000).padStart(3, '0');
    const first17 = `110101${birth.replaceAll('-', '')}${sequence}`;
    const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
    const gender = Number(sequence[2]) % 2 === 1 ? 'male' : 'female';
    yield {
      name: gender === 'male' ? '张伟' : '李娜',
      gender,
      birthDate: birth,
      idNumber: first17 + '10X98765432'[sum % 11],
      phone: `139${String(n).padStart(8, '0')}`,
    };
  }
}

/** Sends `count` requests with `concurrency` in flight; returns the seconds taken and the failures. */
export async function load(url, headers, source, count, concurrency) {
  let sent = 0;
  let failed = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (sent < count) {
      sent += 1;
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(source.next().value),
      });
      if (res.status !== 201) {
        failed += 1;
        if (failed === 1) console.error(`  first failure: ${res.status} ${await res.text()}`);
      } else await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, failed };
}

/** Runs `load` and also measures the CPU the server process and PostgreSQL spent on it. */
export async function measured(server, ...args) {
  const before = { server: cpuSecondsOf(server.pid), postgres: postgresCpuSeconds(), client: process.cpuUsage() };
  const result = await load(...args);
  const client = process.cpuUsage(before.client);
  return {
    ...result,
    serverCpu: cpuSecondsOf(server.pid) - before.server,
    postgresCpu: postgresCpuSeconds() - before.postgres,
    clientCpu: (client.user + client.system) / 1e6,
  };
}
