#!/usr/bin/env node
// Benchmark (not a test): two builds of the API side by side, each on a fresh database of its own,
// taking alternating rounds of the clients-create load, so that a change worth a few per cent shows
// through the ±10 % that whole runs vary by on a shared VM. Prints each build's req/s and CPU per
// request (API process, PostgreSQL) and B against A.
// Usage: node tools/bench/clients-create-ab.mjs <build A> <build B> [--requests 16000] [--rounds 16] [--concurrency 16]
// A build is a copy of `dist/` kept inside the repository (so that it finds node_modules) and named
// `dist`, e.g. the build before a change:
//   git stash && npm run build && mkdir -p node_modules/.ab/before && cp -r dist node_modules/.ab/before/
//   git stash pop && npm run build
//   node tools/bench/clients-create-ab.mjs node_modules/.ab/before/dist dist
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { ADMIN_URL, arg, databaseUrlOf, signIn, startApi } from './bench-kit.mjs';
import { load, measured, people } from './clients-load.mjs';

const builds = process.argv.slice(2, 4).map((build) => resolve(build));
if (builds.length !== 2 || builds.some((build) => build.startsWith('-'))) {
  console.error('usage: node tools/bench/clients-create-ab.mjs <build A> <build B> [--requests N] [--rounds R]');
  process.exit(2);
}
const REQUESTS = arg('requests', 16000);
const ROUNDS = arg('rounds', 16);
const CONCURRENCY = arg('concurrency', 16);

const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
const stamp = Date.now().toString(36);
const sides = builds.map((build, i) => ({
  label: 'AB'[i],
  build,
  port: 3471 + i,
  database: `hp_bench_ab_${'ab'[i]}_${stamp}`,
  dataDir: mkdtempSync(join(tmpdir(), 'hp-bench-ab-')),
  total: { seconds: 0, serverCpu: 0, postgresCpu: 0, failed: 0 },
}));
try {
  for (const side of sides) {
    await admin.query(`CREATE DATABASE ${side.database}`);
    const databaseUrl = databaseUrlOf(side.database);
    side.api = await startApi({ databaseUrl, port: side.port, dataDir: side.dataDir, build: side.build });
    side.url = `http://127.0.0.1:${side.port}/api/v1/clients`;
    side.headers = { authorization: `Bearer ${(await signIn(side.port)).accessToken}` };
  }
  // Each build has a database of its own, so both may take the same people.
  for (const side of sides) side.source = people();
  for (const side of sides) await load(side.url, side.headers, side.source, 500, CONCURRENCY);
  const perRound = Math.ceil(REQUESTS / ROUNDS);
  console.log(
    `A: ${builds[0]}\nB: ${builds[1]}\n${perRound * ROUNDS} creates each, ${ROUNDS} alternating rounds, ${CONCURRENCY} in flight`,
  );
  for (let round = 0; round < ROUNDS; round++) {
    // A first in even rounds, B first in odd ones: neither always follows the other's table growth.
    for (const side of round % 2 ? [...sides].reverse() : sides) {
      const result = await measured(side.api, side.url, side.headers, side.source, perRound, CONCURRENCY);
      for (const key of Object.keys(side.total)) side.total[key] += result[key];
    }
  }
  const count = perRound * ROUNDS;
  const ms = (seconds) => ((seconds * 1000) / count).toFixed(3);
  for (const { label, total } of sides)
    console.log(
      `${label}: ${(count / total.seconds).toFixed(0)} req/s (${total.failed} failed), CPU per request: API ${ms(total.serverCpu)} ms, PostgreSQL ${ms(total.postgresCpu)} ms`,
    );
  const [a, b] = sides.map((side) => side.total);
  console.log(`B / A: throughput ${(a.seconds / b.seconds).toFixed(3)}, API CPU ${(b.serverCpu / a.serverCpu).toFixed(3)}`);
} finally {
  for (const side of sides) if (side.api?.exitCode === null) side.api.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  for (const side of sides) {
    await admin.query(`DROP DATABASE IF EXISTS ${side.database} WITH (FORCE)`);
    rmSync(side.dataDir, { recursive: true, force: true });
  }
  await admin.end();
}
