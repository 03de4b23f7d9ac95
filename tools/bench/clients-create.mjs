#!/usr/bin/env node
// Benchmark (not a test): throughput of POST /api/v1/clients against a bare Fastify + pg handler
// inserting the same row, both as separate processes on the same fresh PostgreSQL database, measured
// in the same run. Prints requests per second and the ratio (goal ≥ 0.8, floor 0.65).
// Usage: node tools/bench/clients-create.mjs [--requests 2000] [--concurrency 16] [--rounds 4] [--processes 1]
// `--processes N` runs N processes on each side (the API's API_PROCESSES, the bare server as a cluster).
// Needs the local PostgreSQL and Redis (as `npm test`); builds the server if dist/ is missing.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  ADMIN_URL,
  arg,
  cpuSecondsOf,
  databaseUrlOf,
  postgresCpuSeconds,
  root,
  signIn,
  startApi,
  waitFor,
} from './bench-kit.mjs';

const REQUESTS = arg('requests', 2000);
const CONCURRENCY = arg('concurrency', 16);
const ROUNDS = arg('rounds', 4);
const WARMUP = Math.min(200, REQUESTS);
const PROCESSES = arg('processes', 1);

/** Valid resident ID numbers (GB 11643), all different, with matching birth dates and sexes. */
function* people() {
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
async function load(url, headers, source, count, concurrency) {
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
async function measured(server, ...args) {
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

if (!existsSync(join(root, 'dist/apps/api/src/main.js')))
  execFileSync(process.execPath, [join(root, 'tools/build.mjs'), '--server'], { stdio: 'inherit' });
const database = `hp_bench_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
await admin.query(`CREATE DATABASE ${database}`);
const databaseUrl = databaseUrlOf(database);
const dataDir = mkdtempSync(join(tmpdir(), 'hp-bench-'));
const children = [];
try {
  const api = await startApi({ databaseUrl, port: 3451, dataDir, env: { API_PROCESSES: String(PROCESSES) } });
  children.push(api);
  const login = await signIn(3451);
  const bearer = { authorization: `Bearer ${login.accessToken}` };

  const bare = spawn(process.execPath, [join(root, 'tools/bench/bare-clients-server.mjs')], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: databaseUrl,
      ORG_ID: login.user.organisation.id,
      PORT: '3452',
      PROCESSES: String(PROCESSES),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(bare);
  await waitFor('http://127.0.0.1:3452/', bare);

  const source = people();
  console.log(
    `POST /clients: ${REQUESTS} requests each, ${CONCURRENCY} in flight, in ${ROUNDS} alternating rounds, after ${WARMUP} warm-up requests each, ${PROCESSES} process(es) each`,
  );
  // Tokens expire after 15 minutes; a run is far shorter. The two alternate in rounds so that table
  // growth and whatever else loads the machine fall on both alike.
  await load('http://127.0.0.1:3452/clients', {}, source, WARMUP, CONCURRENCY);
  await load('http://127.0.0.1:3451/api/v1/clients', bearer, source, WARMUP, CONCURRENCY);
  const totals = {
    bare: { seconds: 0, failed: 0, serverCpu: 0, postgresCpu: 0, clientCpu: 0 },
    api: { seconds: 0, failed: 0, serverCpu: 0, postgresCpu: 0, clientCpu: 0 },
  };
  const perRound = Math.ceil(REQUESTS / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    const bareRound = await measured(bare, 'http://127.0.0.1:3452/clients', {}, source, perRound, CONCURRENCY);
    const apiRound = await measured(api, 'http://127.0.0.1:3451/api/v1/clients', bearer, source, perRound, CONCURRENCY);
    for (const [total, result] of [
      [totals.bare, bareRound],
      [totals.api, apiRound],
    ]) {
      total.seconds += result.seconds;
      total.failed += result.failed;
      total.serverCpu += result.serverCpu;
      total.postgresCpu += result.postgresCpu;
      total.clientCpu += result.clientCpu;
    }
    console.log(
      `  round ${round + 1}: bare ${(perRound / bareRound.seconds).toFixed(0)} req/s, API ${(perRound / apiRound.seconds).toFixed(0)} req/s`,
    );
  }
  const bareRate = (perRound * ROUNDS) / totals.bare.seconds;
  const apiRate = (perRound * ROUNDS) / totals.api.seconds;
  const ratio = apiRate / bareRate;
  console.log(`bare Fastify + pg : ${bareRate.toFixed(0)} req/s (${totals.bare.failed} failed)`);
  console.log(`platform API      : ${apiRate.toFixed(0)} req/s (${totals.api.failed} failed)`);
  // CPU per request does not depend on what else runs on the machine the way throughput does.
  const perRequestMs = (seconds) => ((seconds * 1000) / (perRound * ROUNDS)).toFixed(2);
  for (const [label, total] of [
    ['bare', totals.bare],
    ['API ', totals.api],
  ])
    console.log(
      `CPU per request, ${label}: server ${perRequestMs(total.serverCpu)} ms, PostgreSQL ${perRequestMs(total.postgresCpu)} ms, load generator ${perRequestMs(total.clientCpu)} ms`,
    );
  console.log(
    `ratio             : ${ratio.toFixed(2)} (goal ≥ 0.80, floor 0.65) → ${ratio >= 0.8 ? 'meets the goal' : ratio >= 0.65 ? 'above the floor, below the goal' : 'BELOW THE FLOOR'}`,
  );
} finally {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
  rmSync(dataDir, { recursive: true, force: true });
}
