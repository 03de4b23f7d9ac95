#!/usr/bin/env node
// Benchmark (not a test): throughput of POST /api/v1/clients against a bare Fastify + pg handler
// inserting the same row, both as separate processes on the same fresh PostgreSQL database, measured
// in the same run. Prints requests per second and the ratio (goal ≥ 0.8, floor 0.65).
// Usage: node tools/bench/clients-create.mjs [--requests 2000] [--concurrency 16] [--rounds 4] [--processes 1] [--same-work]
// `--processes N` runs N processes on each side (the API's API_PROCESSES, the bare server as a cluster).
// `--same-work` makes the reference also check the bearer token and permission and append the
// hash-chained audit row (see bare-clients-server.mjs): the reference is the insert alone;
// this one tells the cost of the framework from the cost of the work every API write must do.
// Needs the local PostgreSQL and Redis (as `npm test`); builds the server if dist/ is missing.
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ADMIN_URL, arg, databaseUrlOf, root, signIn, startApi, waitFor } from './bench-kit.mjs';
import { load, measured, people } from './clients-load.mjs';

const REQUESTS = arg('requests', 2000);
const CONCURRENCY = arg('concurrency', 16);
const ROUNDS = arg('rounds', 4);
const WARMUP = Math.min(200, REQUESTS);
const PROCESSES = arg('processes', 1);
const SAME_WORK = process.argv.includes('--same-work');
const JWT_SECRET = randomBytes(32).toString('hex');

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
  const api = await startApi({ databaseUrl, port: 3451, dataDir, env: { API_PROCESSES: String(PROCESSES), JWT_SECRET } });
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
      ...(SAME_WORK ? { REFERENCE: 'same-work', JWT_SECRET } : {}),
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
  const bareHeaders = SAME_WORK ? bearer : {};
  await load('http://127.0.0.1:3452/clients', bareHeaders, source, WARMUP, CONCURRENCY);
  await load('http://127.0.0.1:3451/api/v1/clients', bearer, source, WARMUP, CONCURRENCY);
  const totals = {
    bare: { seconds: 0, failed: 0, serverCpu: 0, postgresCpu: 0, clientCpu: 0 },
    api: { seconds: 0, failed: 0, serverCpu: 0, postgresCpu: 0, clientCpu: 0 },
  };
  const perRound = Math.ceil(REQUESTS / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    const bareRound = await measured(bare, 'http://127.0.0.1:3452/clients', bareHeaders, source, perRound, CONCURRENCY);
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
  console.log(
    `${SAME_WORK ? 'Fastify+pg, auth+audit' : 'bare Fastify + pg '} : ${bareRate.toFixed(0)} req/s (${totals.bare.failed} failed)`,
  );
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
    SAME_WORK
      ? `ratio             : ${ratio.toFixed(2)} against the same-work reference (the issue's goal and floor are for the insert-only one)`
      : `ratio             : ${ratio.toFixed(2)} (goal ≥ 0.80, floor 0.65) → ${ratio >= 0.8 ? 'meets the goal' : ratio >= 0.65 ? 'above the floor, below the goal' : 'BELOW THE FLOOR'}`,
  );
} finally {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
  rmSync(dataDir, { recursive: true, force: true });
}
