#!/usr/bin/env node
// Benchmark (not a test): latency of GET /api/v1/clients/{id}/trends on a large observation table,
// against a bare Fastify + pg handler running the same index query, both in the same run on the
// same fresh PostgreSQL database. Goal: p95 ≤ 10 ms at 300 requests per second.
//
// 1. builds the server (swc), creates a database, starts the API on it (migrations, first admin);
// 2. fills `client` and `observation` with generate_series: clients × 25 numeric indicators × 10
//    yearly exams (50M rows by default: 200k clients), indexes created after loading, VACUUM ANALYZE;
// 3. prints EXPLAIN (ANALYZE, BUFFERS) of the trend query for one client (it must be an index-only scan);
// 4. sends GET /trends for random clients and 3–4 random codes at a fixed rate (open loop: requests
//    leave on schedule whatever the answers do), first to the bare server, then to the API, after a
//    warm-up of each, and prints p50/p95/p99 and the ratio.
//
// Usage: node tools/bench/trends.mjs [--rows 50000000] [--rate 300] [--seconds 30] [--warmup 5] [--jobs 2] [--api-processes 1] [--keep]
//                                    [--reuse hp_bench_trends_…]
// Needs the local PostgreSQL and Redis (as `npm test`) and ../shared/clinical/indicators.csv (or HEALTH_SHARED_DIR).
// --keep leaves the database (its name is printed); --reuse measures again on such a database without
// loading it (loading 50M rows takes the longest part of a run). Drop it afterwards.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { ADMIN_URL, arg, cpuSecondsOf, databaseUrlOf, root, signIn, startApi, waitFor } from './bench-kit.mjs';

const ROWS = arg('rows', 50_000_000);
const RATE = arg('rate', 300);
const SECONDS = arg('seconds', 30);
const WARMUP_SECONDS = arg('warmup', 5);
const JOBS = arg('jobs', 2);
/** API processes behind the port (`API_PROCESSES`): one per core is how a clinic's server runs it. */
const API_PROCESSES = arg('api-processes', 1);
const KEEP = process.argv.includes('--keep');
const REUSE = process.argv.includes('--reuse') ? process.argv[process.argv.indexOf('--reuse') + 1] : undefined;
const EXAMS_PER_CLIENT = 10;
const CLIENTS_PER_CHUNK = 10_000;
const API_PORT = 3471;
const BARE_PORT = 3472;
const SHARED_DIR = process.env.HEALTH_SHARED_DIR ?? resolve(root, '../shared');

/**
 * The 25 indicators of the generated exams: numeric dictionary entries with an interval. Values are
 * load data, not clinical data: centred in each interval (at 80 % of a sole upper limit) with a
 * per-client offset, a yearly drift and noise, so that verdicts are mostly normal and some abnormal.
 */
const BENCH_CODES = [
  'BMI',
  'WAIST',
  'SBP',
  'DBP',
  'HR',
  'WBC',
  'RBC',
  'HGB',
  'PLT',
  'ALT',
  'AST',
  'GGT',
  'TBIL',
  'ALB',
  'CREA',
  'UREA',
  'UA',
  'FPG',
  'HBA1C',
  'TC',
  'TG',
  'HDL_C',
  'LDL_C',
  'TSH',
  'HCY',
];

function benchIndicators() {
  execFileSync(process.execPath, [join(root, 'tools/build.mjs'), '--server'], { stdio: 'inherit' });
  const { parseIndicatorCsv } = createRequire(import.meta.url)(join(root, 'dist/libs/clinical/src/index.js'));
  const dictionary = parseIndicatorCsv(readFileSync(join(SHARED_DIR, 'clinical/indicators.csv'), 'utf8'));
  return BENCH_CODES.map((code, index) => {
    const definition = dictionary.find((d) => d.code === code);
    if (!definition) throw new Error(`${code} is not in indicators.csv`);
    const { low, high } = definition.limits.male;
    const centre = low !== undefined && high !== undefined ? (low + high) / 2 : high !== undefined ? high * 0.8 : low * 1.2;
    const spread = low !== undefined && high !== undefined ? (high - low) / 4 : centre * 0.1;
    return { code, unit: definition.unit, low: low ?? null, high: high ?? null, centre, spread, index };
  });
}

const seconds = (started) => ((Date.now() - started) / 1000).toFixed(0);

/** Clients and their observations, loaded in chunks of clients over `JOBS` connections. */
async function load(databaseUrl, orgId, indicators) {
  const clients = Math.max(1, Math.round(ROWS / (indicators.length * EXAMS_PER_CLIENT)));
  const setup = new pg.Client({ connectionString: databaseUrl });
  await setup.connect();
  let started = Date.now();
  await setup.query(
    `INSERT INTO client (org_id, name, name_initials, gender, birth_date)
     SELECT $1, '测试' || n, 'cs', CASE WHEN n % 2 = 0 THEN 'male' ELSE 'female' END, date '1950-01-01' + (n % 18000)
       FROM generate_series(1, $2) n`,
    [orgId, clients],
  );
  await setup.query(`CREATE TABLE bench_client AS SELECT row_number() OVER (ORDER BY id) AS n, id FROM client`);
  await setup.query(`CREATE INDEX ON bench_client (n)`);
  await setup.query(
    `CREATE TABLE bench_indicator (idx int, code text, unit text, low float8, high float8, centre float8, spread float8)`,
  );
  for (const i of indicators) {
    await setup.query(`INSERT INTO bench_indicator VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      i.index,
      i.code,
      i.unit,
      i.low,
      i.high,
      i.centre,
      i.spread,
    ]);
  }
  // The production indexes are built once after loading, which is far faster than maintaining them row by row.
  await setup.query(`DROP INDEX observation_client_code_date_idx`);
  await setup.query(`DROP INDEX observation_report_idx`);
  console.log(
    `${clients} clients in ${seconds(started)} s; loading ${clients * indicators.length * EXAMS_PER_CLIENT} observations…`,
  );

  started = Date.now();
  const chunks = [];
  for (let first = 1; first <= clients; first += CLIENTS_PER_CHUNK)
    chunks.push([first, Math.min(clients, first + CLIENTS_PER_CHUNK - 1)]);
  let done = 0;
  const worker = async () => {
    const connection = new pg.Client({ connectionString: databaseUrl });
    await connection.connect();
    // Skipping the per-row foreign-key triggers is what makes generate_series loading fast (the
    // constraints stay in place for the API). Client and organisation ids are valid by construction;
    // the report ids stand for reports that are not stored, since only the trend read is measured.
    await connection.query(`SET session_replication_role = replica`);
    await connection.query(`SET synchronous_commit = off`);
    for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
      await connection.query(
        `INSERT INTO observation (org_id, client_id, indicator_code, measured_on, value_type, value_num, unit, verdict,
                                  reference_low, reference_high, source, report_id, item_index)
         SELECT $1, c.id, i.code, e.day, 'numeric', v.value, i.unit,
                CASE WHEN v.value > i.high THEN 'high' WHEN v.value < i.low THEN 'low' ELSE 'normal' END,
                i.low, i.high, 'exam-report', e.report, i.idx
           FROM bench_client c
          CROSS JOIN LATERAL (
                SELECT k, date '2016-03-01' + k * 365 + (c.n % 240)::int AS day, md5(c.id::text || k)::uuid AS report,
                       (c.n % 7 - 3) / 3.0 AS offset_sd
                  FROM generate_series(0, ${EXAMS_PER_CLIENT - 1}) k) e
          CROSS JOIN bench_indicator i
          CROSS JOIN LATERAL (
                SELECT round((i.centre + i.spread * (e.offset_sd + 0.08 * e.k + (random() + random() + random() - 1.5)))::numeric, 2)::float8
                         AS value
                 WHERE e.k IS NOT NULL) v
          WHERE c.n BETWEEN $2 AND $3`,
        [orgId, chunk[0], chunk[1]],
      );
      done += chunk[1] - chunk[0] + 1;
      process.stdout.write(`\r  ${done}/${clients} clients, ${seconds(started)} s`);
    }
    await connection.end();
  };
  await Promise.all(Array.from({ length: JOBS }, worker));
  console.log(`\nobservations loaded in ${seconds(started)} s`);

  started = Date.now();
  await setup.query(`SET maintenance_work_mem = '1GB'`);
  await setup.query(`
    CREATE INDEX observation_client_code_date_idx
      ON observation (client_id, indicator_code, measured_on)
      INCLUDE (value_num, comparator, verdict, report_id)`);
  await setup.query(`CREATE INDEX observation_report_idx ON observation (report_id) WHERE report_id IS NOT NULL`);
  console.log(`indexes built in ${seconds(started)} s`);
  started = Date.now();
  // Sets the visibility map, without which an index-only scan still visits the heap.
  await setup.query(`VACUUM (ANALYZE) observation`);
  await setup.query(`VACUUM (ANALYZE) client`);
  console.log(`vacuum analyze in ${seconds(started)} s`);
  const sizes = await setup.query(
    `SELECT pg_size_pretty(pg_table_size('observation')) AS heap,
            pg_size_pretty(pg_relation_size('observation_client_code_date_idx')) AS index,
            (SELECT count(*) FROM observation) AS rows`,
  );
  console.log(`observation: ${sizes.rows[0].rows} rows, heap ${sizes.rows[0].heap}, trend index ${sizes.rows[0].index}`);
  const ids = (await setup.query(`SELECT id FROM bench_client ORDER BY n`)).rows.map((row) => row.id);
  await setup.end();
  return ids;
}

async function clientIds(databaseUrl) {
  const connection = new pg.Client({ connectionString: databaseUrl });
  await connection.connect();
  const ids = (await connection.query(`SELECT id FROM bench_client ORDER BY n`)).rows.map((row) => row.id);
  await connection.end();
  return ids;
}

async function explain(databaseUrl, clientId, codes) {
  const connection = new pg.Client({ connectionString: databaseUrl });
  await connection.connect();
  const { rows } = await connection.query(
    `EXPLAIN (ANALYZE, BUFFERS)
     SELECT indicator_code AS code, to_char(measured_on, 'YYYY-MM-DD') AS date, value_num AS value, comparator, verdict, report_id
       FROM observation
      WHERE client_id = $1 AND indicator_code = ANY ($2::text[]) AND value_num IS NOT NULL
      ORDER BY indicator_code, measured_on`,
    [clientId, codes],
  );
  await connection.end();
  const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
  console.log(`\nEXPLAIN (ANALYZE, BUFFERS) of the trend query (${codes.join(',')}):\n${plan}\n`);
  const indexOnly = /Index Only Scan using observation_client_code_date_idx/.test(plan);
  const heapFetches = /Heap Fetches: (\d+)/.exec(plan)?.[1];
  console.log(`index-only scan: ${indexOnly ? 'yes' : 'NO'}, heap fetches: ${heapFetches ?? 'n/a'}`);
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Open-loop load: request n leaves at start + n / rate (checked every millisecond), whatever the
 * earlier requests are doing; latency is measured from the moment it leaves to the last byte.
 */
async function drive(server, path, headers, ids, indicators, rate, durationSeconds) {
  const { port, pid } = server;
  const cpuBefore = cpuSecondsOf(pid) * 1000;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round(rate * durationSeconds);
  const latencies = [];
  const statuses = new Map();
  let firstFailure;
  let sent = 0;
  let finished = 0;
  const start = performance.now();
  await new Promise((resolveAll) => {
    const send = () => {
      const codes = pickCodes(indicators);
      const id = ids[Math.floor(Math.random() * ids.length)];
      const began = performance.now();
      const request = http.get({ host: '127.0.0.1', port, path: path(id, codes), headers, agent }, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => {
          latencies.push(performance.now() - began);
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          if (response.statusCode !== 200 && firstFailure === undefined)
            firstFailure = `${response.statusCode} ${Buffer.concat(chunks)}`;
          if (++finished === total) resolveAll();
        });
      });
      request.on('error', (err) => {
        statuses.set(err.code ?? 'error', (statuses.get(err.code ?? 'error') ?? 0) + 1);
        if (++finished === total) resolveAll();
      });
    };
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
      while (sent < due) {
        sent += 1;
        send();
      }
      if (sent === total) clearInterval(timer);
    }, 1);
  });
  agent.destroy();
  // The 1-minute load average at the end: on a shared machine it says how much else was running.
  const load = loadavg()[0].toFixed(1);
  const cpuPerRequest = (cpuSecondsOf(pid) * 1000 - cpuBefore) / total;
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    achievedRate: total / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1],
    statuses: Object.fromEntries(statuses),
    firstFailure,
    load,
    cpuPerRequest,
  };
}

function pickCodes(indicators) {
  const count = 3 + Math.floor(Math.random() * 2);
  const pool = indicators.map((i) => i.code);
  const codes = [];
  while (codes.length < count) codes.push(pool.splice(Math.floor(Math.random() * pool.length), 1)[0]);
  return codes;
}

const format = (label, r) =>
  `${label}: p50 ${r.p50.toFixed(2)} ms, p95 ${r.p95.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, max ${r.max.toFixed(1)} ms ` +
  `at ${r.achievedRate.toFixed(0)} req/s, statuses ${JSON.stringify(r.statuses)}, ` +
  `server CPU ${r.cpuPerRequest.toFixed(2)} ms/request, machine load ${r.load}`;

const indicators = benchIndicators();
const database = REUSE ?? `hp_bench_trends_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
if (!REUSE) await admin.query(`CREATE DATABASE ${database}`);
const databaseUrl = databaseUrlOf(database);
const dataDir = mkdtempSync(join(tmpdir(), 'hp-bench-'));
const children = [];
const login = () => signIn(API_PORT);
try {
  const api = await startApi({ databaseUrl, port: API_PORT, dataDir, env: { API_PROCESSES: String(API_PROCESSES) } });
  children.push(api);
  const orgId = (await login()).user.organisation.id;
  console.log(`database ${database}, organisation ${orgId}`);

  const ids = REUSE ? await clientIds(databaseUrl) : await load(databaseUrl, orgId, indicators);
  await explain(databaseUrl, ids[Math.floor(ids.length / 2)], ['SBP', 'DBP', 'FPG']);

  const bare = spawn(process.execPath, [join(root, 'tools/bench/bare-trends-server.mjs')], {
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, ORG_ID: orgId, PORT: String(BARE_PORT) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(bare);
  await waitFor(`http://127.0.0.1:${BARE_PORT}/clients/${ids[0]}/trends?codes=SBP`, bare);

  // Logged in just before use: access tokens live 15 minutes and loading takes longer.
  const bearer = { authorization: `Bearer ${(await login()).accessToken}` };
  const apiPath = (id, codes) => `/api/v1/clients/${id}/trends?codes=${codes.join(',')}`;
  const barePath = (id, codes) => `/clients/${id}/trends?codes=${codes.join(',')}`;
  console.log(
    `GET /trends, ${RATE} req/s for ${SECONDS} s each, after ${WARMUP_SECONDS} s of warm-up each, random clients of ${ids.length}, 3–4 codes, ${API_PROCESSES} API process(es)`,
  );
  const bareServer = { port: BARE_PORT, pid: bare.pid };
  const apiServer = { port: API_PORT, pid: api.pid };
  await drive(bareServer, barePath, {}, ids, indicators, RATE, WARMUP_SECONDS);
  const bareResult = await drive(bareServer, barePath, {}, ids, indicators, RATE, SECONDS);
  await drive(apiServer, apiPath, bearer, ids, indicators, RATE, WARMUP_SECONDS);
  const apiResult = await drive(apiServer, apiPath, bearer, ids, indicators, RATE, SECONDS);
  console.log(format('bare Fastify + pg', bareResult));
  console.log(format('platform API     ', apiResult));
  if (apiResult.firstFailure) console.log(`first API failure: ${apiResult.firstFailure}`);
  console.log(
    `p95 ratio API / bare: ${(apiResult.p95 / bareResult.p95).toFixed(2)}; goal p95 ≤ 10 ms → ${apiResult.p95 <= 10 ? 'met' : 'NOT met'}`,
  );
} finally {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  if (KEEP || REUSE) console.log(`kept database ${database}`);
  else await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
  rmSync(dataDir, { recursive: true, force: true });
}
