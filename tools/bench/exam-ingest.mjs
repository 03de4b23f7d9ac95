#!/usr/bin/env node
// Benchmark (not a test): exam report ingestion through the real path (POST /api/v1/exam-reports with
// an API key: validation, client matching, name matching, unit conversion, verdicts, report, raw items,
// observations, audit and outbox in one transaction each) against COPY of the same observation rows
// into the same table with the same indexes, in the same run on the same fresh database. Prints
// observation rows per second of both and the ratio (goal ≥ 0.40, floor 0.25).
//
// Usage: node tools/bench/exam-ingest.mjs [--reports 10000] [--items 150] [--clients 1000] [--concurrency 4]
// Needs the local PostgreSQL (and psql for COPY) and Redis, as `npm test`; builds the server first.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ADMIN_URL, arg, cpuSecondsOf, databaseUrlOf, postgresCpuSeconds, root, signIn, startApi } from './bench-kit.mjs';

const REPORTS = arg('reports', 10_000);
const ITEMS = arg('items', 150);
const CLIENTS = arg('clients', 1000);
const CONCURRENCY = arg('concurrency', 4);
const PORT = 3481;

/** Valid resident ID numbers (GB 11643) with matching birth dates and sexes. */
function person(n) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const birth = new Date(Date.UTC(1950, 0, 1) + ((n * 37) % 18000) * 86_400_000).toISOString().slice(0, 10);
  const sequence = String(n % 1000).padStart(3, '0');
  const first17 = `110101${birth.replaceAll('-', '')}${sequence}`;
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return {
    name: n % 2 ? '张伟' : '李娜',
    gender: Number(sequence[2]) % 2 === 1 ? 'male' : 'female',
    birthDate: birth,
    idNumber: first17 + '10X98765432'[sum % 11],
  };
}

/**
 * `ITEMS` items printed the way senders print them: every dictionary indicator by its Chinese name
 * in its canonical unit (numeric values around the middle of the interval, so some are abnormal),
 * then repeat measurements of the numeric ones under a 复查 section until the count is reached.
 */
function itemTemplates() {
  const { parseIndicatorCsv } = createRequire(import.meta.url)(join(root, 'dist/libs/clinical/src/index.js'));
  const dictionary = parseIndicatorCsv(readFileSync(join(root, 'libs/archives/src/indicators/indicators.csv'), 'utf8'));
  const numeric = dictionary
    .filter((d) => d.valueType === 'numeric')
    .map((d) => {
      const { low, high } = d.limits.male;
      const centre =
        low !== undefined && high !== undefined ? (low + high) / 2 : high !== undefined ? high * 0.8 : (low ?? 10) * 1.2;
      return { name: d.nameZh, unit: d.unit || undefined, category: d.category, centre };
    });
  const other = dictionary
    .filter((d) => d.valueType !== 'numeric')
    .map((d) => ({ name: d.nameZh, category: d.category, text: d.refText.split('|')[0] }));
  const templates = [...numeric, ...other];
  for (let i = 0; templates.length < ITEMS; i++) templates.push({ ...numeric[i % numeric.length], category: '复查' });
  return templates.slice(0, ITEMS);
}

function report(n, templates) {
  const client = person(n % CLIENTS);
  const year = 2015 + Math.floor(n / CLIENTS);
  const wobble = (x) => x * (0.85 + ((n * 7919 + x * 104729) % 300) / 1000);
  return {
    source: 'bench-lis',
    externalId: `B${String(n).padStart(7, '0')}`,
    examDate: `${year}-${String((n % 12) + 1).padStart(2, '0')}-15`,
    institution: '基准体检中心',
    client,
    items: templates.map((t) =>
      t.text !== undefined
        ? { name: t.name, value: t.text, category: t.category }
        : { name: t.name, value: String(Number(wobble(t.centre).toFixed(2))), unit: t.unit, category: t.category },
    ),
  };
}

execFileSync(process.execPath, [join(root, 'tools/build.mjs'), '--server'], { stdio: 'inherit' });
const database = `hp_bench_ingest_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
await admin.query(`CREATE DATABASE ${database}`);
const databaseUrl = databaseUrlOf(database);
const dataDir = mkdtempSync(join(tmpdir(), 'hp-bench-'));
let api;
try {
  api = await startApi({ databaseUrl, port: PORT, dataDir });
  const base = `http://127.0.0.1:${PORT}/api`;
  const login = await signIn(PORT);
  const keyResponse = await fetch(`${base}/v1/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${login.accessToken}` },
    body: JSON.stringify({ name: 'bench LIS', scopes: ['reports:write'] }),
  });
  const { key } = await keyResponse.json();
  if (!key) throw new Error(`could not create an API key: ${keyResponse.status}`);

  const templates = itemTemplates();
  let next = 0;
  let failed = 0;
  const send = async (count) => {
    const end = next + count;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < end) {
          const res = await fetch(`${base}/v1/exam-reports`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-api-key': key },
            body: JSON.stringify(report(next++, templates)),
          });
          if (res.status !== 201) {
            failed += 1;
            if (failed === 1) console.error(`  first failure: ${res.status} ${await res.text()}`);
          } else await res.arrayBuffer();
        }
      }),
    );
  };
  // Warm-up: the first report of each client also creates the client; do that before timing.
  await send(Math.min(CLIENTS, REPORTS));
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const count = async () => Number((await db.query(`SELECT count(*) AS n FROM observation`)).rows[0].n);
  const before = await count();
  const cpuBefore = { api: cpuSecondsOf(api.pid), postgres: postgresCpuSeconds() };
  const started = process.hrtime.bigint();
  await send(REPORTS);
  const apiSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const apiCpu = { api: cpuSecondsOf(api.pid) - cpuBefore.api, postgres: postgresCpuSeconds() - cpuBefore.postgres };
  const apiRows = (await count()) - before;
  console.log(
    `ingestion: ${REPORTS} reports × ${ITEMS} items, ${CONCURRENCY} in flight: ${(REPORTS / apiSeconds).toFixed(1)} reports/s, ` +
      `${apiRows} observations in ${apiSeconds.toFixed(1)} s (${failed} failed)`,
  );

  // The same rows, copied back into the same table (and its indexes) by COPY.
  const file = join(dataDir, 'observations.copy');
  const columns = `org_id, client_id, indicator_code, measured_on, value_type, value_num, comparator, value_text, unit, verdict,
    reference_low, reference_high, reference_text, source, report_id, item_index`;
  const psql = (command) =>
    execFileSync('psql', [databaseUrl, '-v', 'ON_ERROR_STOP=1', '-qc', command], { stdio: ['ignore', 'ignore', 'inherit'] });
  psql(`\\copy (SELECT ${columns.replace(/\s+/g, ' ')} FROM observation ORDER BY created_at OFFSET ${before}) TO '${file}'`);
  await db.query('CHECKPOINT');
  const copyPostgresBefore = postgresCpuSeconds();
  const copyStarted = process.hrtime.bigint();
  psql(`\\copy observation (${columns.replace(/\s+/g, ' ')}) FROM '${file}'`);
  const copySeconds = Number(process.hrtime.bigint() - copyStarted) / 1e9;
  const copyPostgresCpu = postgresCpuSeconds() - copyPostgresBefore;
  await db.end();
  const apiRate = apiRows / apiSeconds;
  const copyRate = apiRows / copySeconds;
  const ratio = apiRate / copyRate;
  console.log(`real ingestion path : ${apiRate.toFixed(0)} observation rows/s`);
  console.log(`COPY of the same rows: ${copyRate.toFixed(0)} rows/s (${copySeconds.toFixed(1)} s)`);
  // CPU per 1,000 rows does not depend on what else runs on the machine the way throughput does.
  const per1000 = (seconds) => ((seconds * 1e6) / apiRows).toFixed(1);
  console.log(
    `CPU per 1,000 rows   : ingestion API ${per1000(apiCpu.api)} ms + PostgreSQL ${per1000(apiCpu.postgres)} ms; ` +
      `COPY PostgreSQL ${per1000(copyPostgresCpu)} ms`,
  );
  console.log(
    `ratio               : ${ratio.toFixed(2)} (goal ≥ 0.40, floor 0.25) → ${ratio >= 0.4 ? 'meets the goal' : ratio >= 0.25 ? 'above the floor, below the goal' : 'BELOW THE FLOOR'}`,
  );
} finally {
  if (api && api.exitCode === null) api.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
  rmSync(dataDir, { recursive: true, force: true });
}
