#!/usr/bin/env node
// Benchmark (not a test): every search form of GET /api/v1/clients at 1,000,000 clients of one
// organisation. A fresh database gets its migrations from the built API, then the clients are loaded
// in SQL (generate_series), ANALYZEd and vacuumed. Each form is measured through HTTP (p50/p95) and
// as the same SQL on bare `pg` (what client.repository.ts runs), with the ratio; `--explain` also
// prints EXPLAIN (ANALYZE, BUFFERS) of that SQL.
// Usage: node tools/bench/clients-search.mjs [--clients 1000000] [--requests 30] [--explain] [--keep]
// Needs the local PostgreSQL and Redis (as `npm test`); builds the server if dist/ is missing.
// `--keep` leaves the database for a look afterwards and prints its name.
import { execFileSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pinyin } from 'pinyin-pro';
import { ADMIN_URL, arg, databaseUrlOf, root, signIn, startApi } from './bench-kit.mjs';

const CLIENTS = arg('clients', 1_000_000);
const REQUESTS = arg('requests', 30);
const WARMUP = 3;
const KNOWN = 5000;
const EXPLAIN = process.argv.includes('--explain');
const KEEP = process.argv.includes('--keep');
const BLIND_INDEX_KEY = randomBytes(32).toString('hex');
const API = 'http://127.0.0.1:3461';

/** As @health/core BlindIndex: HMAC-SHA256 over context, NUL, value, keyed by the key's UTF-8 bytes. */
const blindIndex = (value, context) =>
  createHmac('sha256', Buffer.from(BLIND_INDEX_KEY, 'utf8'))
    .update(context, 'utf8')
    .update('\0')
    .update(value, 'utf8')
    .digest('hex');

/** As libs/cards/src/clients/name-initials.ts (surname reading for the first Han run). */
function nameInitials(name) {
  const parts = name.normalize('NFKC').match(/\p{Script=Han}+|[A-Za-z0-9]+/gu) ?? [];
  return parts
    .map((part) =>
      /^\p{Script=Han}/u.test(part)
        ? pinyin(part, { pattern: 'first', toneType: 'none', type: 'array', surname: parts[0] === part ? 'head' : 'off' }).join(
            '',
          )
        : part[0],
    )
    .join('')
    .toLowerCase();
}

// Common surnames weighted roughly by frequency (the first ones repeat), and given-name characters.
const SURNAMES = [
  ...'王王王李李李张张张刘刘刘陈陈杨杨黄黄赵赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
  '欧阳',
  '司马',
  '诸葛',
  '上官',
];
const GIVEN = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉宇浩然子轩梓涵一诺欣怡雨萱思远佳琪俊杰建国志强晓明海燕婷',
];

/** Valid resident ID numbers (GB 11643) with the row's birth date and sex. */
function residentId(n, birthDate, gender) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sequence = String(((n % 500) * 2 + (gender === 'male' ? 1 : 0)) % 1000).padStart(3, '0');
  const first17 = `110101${birthDate.replaceAll('-', '')}${sequence}`;
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

function luhn(digits) {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;

async function loadClients(db, orgId) {
  const started = process.hrtime.bigint();
  await db.query(`SET maintenance_work_mem = '512MB'`);
  // Fifty care managers (疾病管理师) who cannot sign in: the list only shows their names.
  const { rows: managers } = await db.query(
    `INSERT INTO staff_user (org_id, username, display_name, password_hash)
     SELECT $1, 'bench-manager-' || i, '健康管理师' || i, 'not-a-login' FROM generate_series(1, 50) i RETURNING id`,
    [orgId],
  );
  // Every surname with one or two given characters; initials as the app computes them.
  const names = [];
  for (const surname of new Set(SURNAMES))
    for (const first of GIVEN) {
      names.push(surname + first);
      for (const second of GIVEN.slice(0, 12)) names.push(surname + first + second);
    }
  const weighted = SURNAMES.flatMap((s) => names.filter((n) => n.startsWith(s)).slice(0, 400));
  await db.query(`CREATE TEMP TABLE bench_name (i int PRIMARY KEY, name text, initials text)`);
  await db.query(
    `INSERT INTO bench_name SELECT ordinality - 1, n, i FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS u(n, i)`,
    [weighted, weighted.map(nameInitials)],
  );
  // Building the indexes once after the load is far quicker than keeping them up to date row by row.
  const { rows: indexes } = await db.query(
    `SELECT indexname, indexdef FROM pg_indexes
      WHERE tablename = 'client' AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'client'::regclass)`,
  );
  for (const index of indexes) await db.query(`DROP INDEX ${index.indexname}`);
  // Created over five years, born 1930–2020, managers for two thirds, phones and ID numbers for
  // all; the hashes of rows that are not "known" are random (no HMAC in SQL), so they never match.
  await db.query(
    `INSERT INTO client (org_id, name, name_initials, gender, birth_date, id_type, id_number_cipher, id_number_hash,
       id_number_masked, phone_cipher, phone_hash, phone_masked, manager_id, created_at, updated_at)
     SELECT $1, n.name, n.initials, CASE WHEN g % 2 = 0 THEN 'male' ELSE 'female' END,
            date '1930-01-01' + (hashint4(g) & 2147483647) % 32870,
            'resident_id', 'v1:bench:-', md5(g::text) || md5('i' || g), '110101********' || lpad((g % 10000)::text, 4, '0'),
            'v1:bench:-', md5('p' || g) || md5('q' || g), '139****' || lpad((g % 10000)::text, 4, '0'),
            CASE WHEN g % 3 = 0 THEN NULL ELSE ($3::uuid[])[1 + g % 50] END,
            now() - make_interval(secs => ($2 - g) * 157.0), now() - make_interval(secs => ($2 - g) * 157.0)
       FROM generate_series(1, $2) g
       JOIN bench_name n ON n.i = (hashint4(g * 7) & 2147483647) % $4`,
    [orgId, CLIENTS, managers.map((m) => m.id), weighted.length],
  );
  for (const index of indexes) await db.query(index.indexdef);
  // A few thousand clients spread over the table get real phones and ID numbers (hashed as the
  // app does) so that exact look-ups hit; the benchmark searches for those.
  const step = Math.floor(CLIENTS / KNOWN);
  const { rows: picks } = await db.query(
    `SELECT id, gender, birth_date::text AS "birthDate"
       FROM (SELECT id, gender, birth_date, row_number() OVER (ORDER BY created_at) AS r FROM client WHERE org_id = $1) s
      WHERE r % $2 = 0`,
    [orgId, step],
  );
  const known = picks.map((p, k) => ({
    ...p,
    phone: `139${String(k).padStart(8, '0')}`,
    idNumber: residentId(k, p.birthDate, p.gender),
  }));
  await db.query(
    `UPDATE client c SET phone_hash = k.phone_hash, id_number_hash = k.id_hash
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS k(id, phone_hash, id_hash) WHERE c.id = k.id`,
    [
      known.map((k) => k.id),
      known.map((k) => blindIndex(k.phone, 'client.phone')),
      known.map((k) => blindIndex(k.idNumber, 'client.id_number')),
    ],
  );
  // Every fifth client holds a card of one type.
  const { rows: types } = await db.query(
    `INSERT INTO card_type (org_id, name, validity_months, services, status) VALUES ($1, '年度体检卡', 12, '[]', 'active') RETURNING id`,
    [orgId],
  );
  await db.query(
    `INSERT INTO card (org_id, number, client_id, card_type_id, status, start_date, expiry_date, activated_at)
     SELECT $1, '8' || lpad(r::text, 10, '0'), id, $2, 'active', current_date - 30, current_date + 334, now()
       FROM (SELECT id, row_number() OVER (ORDER BY created_at) AS r FROM client WHERE org_id = $1) s WHERE r % 5 = 0`,
    [orgId, types[0].id],
  );
  // Luhn check digits are computed here only for the cards searched for; the rest stay 11 digits.
  const { rows: cardRows } = await db.query(`SELECT number FROM card WHERE org_id = $1 ORDER BY number LIMIT 2000`, [orgId]);
  const cards = cardRows.map((c) => c.number + luhn(c.number));
  await db.query(
    `UPDATE card SET number = k.checked FROM unnest($1::text[], $2::text[]) AS k(short, checked) WHERE org_id = $3 AND number = k.short`,
    [cardRows.map((c) => c.number), cards, orgId],
  );
  await db.query('VACUUM ANALYZE client');
  await db.query('VACUUM ANALYZE card');
  await db.query('VACUUM ANALYZE staff_user');
  console.log(`loaded ${CLIENTS} clients, ${CLIENTS / 5} cards in ${(ms(started) / 1000).toFixed(1)} s`);
  return { managers: managers.map((m) => m.id), known, cards };
}

/**
 * The SQL client.repository.ts runs for a filter (kept in step with it by hand): the ids of the
 * page, their rows, then the total, exact up to TOTAL_CAP (CLIENT_TOTAL_EXACT_UP_TO) matches and
 * the planner's estimate beyond.
 */
const TOTAL_CAP = 1000;
const SORT_COLUMNS = { createdAt: 'created_at', name: 'name', birthDate: 'birth_date' };
const COLUMNS = `c.id, c.org_id, c.name, c.name_initials, c.gender, c.birth_date, c.id_type, c.id_number_cipher,
  c.id_number_hash, c.id_number_masked, c.phone_cipher, c.phone_hash, c.phone_masked, c.address, c.emergency_contact,
  c.source_channel, c.manager_id, c.notes, c.deleted_at, c.deleted_reason, c.created_at, c.updated_at`;

function where(orgId, filter) {
  const params = [orgId];
  const add = (value) => `$${params.push(value)}`;
  const conditions = ['c.org_id = $1', 'c.deleted_at IS NULL'];
  const alternatives = [];
  if (filter.nameOrInitials) {
    const text = filter.nameOrInitials.replace(/[\\%_]/g, (c) => `\\${c}`);
    alternatives.push(
      `(c.name_grams @> client_search_grams(${add(filter.nameOrInitials)}) AND c.name ILIKE ${add(`%${text}%`)} ESCAPE '\\')`,
      `c.name_initials LIKE ${add(`${text.toLowerCase()}%`)} ESCAPE '\\'`,
    );
  }
  if (filter.searchPhoneHash) alternatives.push(`c.phone_hash = ${add(filter.searchPhoneHash)}`);
  if (filter.searchIdNumberHash) alternatives.push(`c.id_number_hash = ${add(filter.searchIdNumberHash)}`);
  if (alternatives.length) conditions.push(`(${alternatives.join(' OR ')})`);
  if (filter.phoneHash) conditions.push(`c.phone_hash = ${add(filter.phoneHash)}`);
  if (filter.idNumberHash) conditions.push(`c.id_number_hash = ${add(filter.idNumberHash)}`);
  if (filter.ids) conditions.push(`c.id = ANY(${add(filter.ids)})`);
  if (filter.managerId) conditions.push(`c.manager_id = ${add(filter.managerId)}`);
  if (filter.gender) conditions.push(`c.gender = ${add(filter.gender)}`);
  if (filter.bornOnOrAfter) conditions.push(`c.birth_date >= ${add(filter.bornOnOrAfter)}`);
  if (filter.bornOnOrBefore) conditions.push(`c.birth_date <= ${add(filter.bornOnOrBefore)}`);
  return { sql: conditions.join(' AND '), params };
}

function listSql(orgId, filter, offset, limit) {
  const { sql, params } = where(orgId, filter);
  const sort = filter.sort ?? '-createdAt';
  const direction = sort.startsWith('-') ? 'DESC' : 'ASC';
  const column = SORT_COLUMNS[sort.replace('-', '')];
  return {
    ids: {
      text: `SELECT c.id FROM client c WHERE ${sql} ORDER BY c.${column} ${direction}, c.id ${direction} LIMIT ${limit} OFFSET ${offset}`,
      values: params,
    },
    rows: (ids) => ({ text: `SELECT ${COLUMNS} FROM client c WHERE c.id = ANY($1)`, values: [ids] }),
    count: {
      text: `SELECT count(*)::int AS n FROM (SELECT 1 FROM client c WHERE ${sql} LIMIT ${TOTAL_CAP + 1}) capped`,
      values: params,
    },
    estimate: { text: `EXPLAIN (FORMAT JSON) SELECT 1 FROM client c WHERE ${sql}`, values: params },
  };
}

async function bareList(db, orgId, filter, offset, limit) {
  const sql = listSql(orgId, filter, offset, limit);
  const { rows: page } = await db.query(sql.ids);
  const { rows } = page.length ? await db.query(sql.rows(page.map((r) => r.id))) : { rows: [] };
  const { rows: counted } = await db.query(sql.count);
  let total = counted[0].n;
  if (total > TOTAL_CAP) {
    const { rows: plan } = await db.query(sql.estimate);
    total = Math.max(TOTAL_CAP + 1, Math.round(plan[0]['QUERY PLAN'][0].Plan['Plan Rows']));
  }
  return { rows, total };
}

const children = [];
let database;
const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
const dataDir = mkdtempSync(join(tmpdir(), 'hp-bench-'));
try {
  if (!existsSync(join(root, 'dist/apps/api/src/main.js')))
    execFileSync(process.execPath, [join(root, 'tools/build.mjs'), '--server'], { stdio: 'inherit' });
  database = `hp_bench_search_${Date.now().toString(36)}`;
  await admin.query(`CREATE DATABASE ${database}`);
  const databaseUrl = databaseUrlOf(database);
  // The benchmark computes blind indexes of known phones and ID numbers itself, so it sets the key.
  children.push(await startApi({ databaseUrl, port: 3461, dataDir, env: { BLIND_INDEX_KEY } }));
  const login = async () => (await signIn(3461)).accessToken;
  const orgId = (await signIn(3461)).user.organisation.id;

  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const { managers, known, cards } = await loadClients(db, orgId);

  // Each form: the query string for HTTP and the repository filter it becomes (hashes as the service computes them).
  const today = new Date().toISOString().slice(0, 10);
  const yearsAgo = (years, dayAfter = false) => {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCFullYear(d.getUTCFullYear() - years);
    if (dayAfter) d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  };
  const pick = (list, i) => list[(i * 7919) % list.length];
  const forms = [
    ['no filter', () => ({ query: '', filter: {} })],
    ['name prefix (surname 张)', () => ({ query: 'search=张', filter: { nameOrInitials: '张' } })],
    ['name (2 characters, 欧阳)', () => ({ query: `search=${encodeURIComponent('欧阳')}`, filter: { nameOrInitials: '欧阳' } })],
    ['name, no match (龘)', () => ({ query: `search=${encodeURIComponent('龘')}`, filter: { nameOrInitials: '龘' } })],
    ['pinyin initials (zw)', () => ({ query: 'search=zw', filter: { nameOrInitials: 'zw' } })],
    [
      'search = phone',
      (i) => {
        const k = pick(known, i);
        return { query: `search=${k.phone}`, filter: { searchPhoneHash: blindIndex(k.phone, 'client.phone') } };
      },
    ],
    [
      'search = ID number',
      (i) => {
        const k = pick(known, i);
        return { query: `search=${k.idNumber}`, filter: { searchIdNumberHash: blindIndex(k.idNumber, 'client.id_number') } };
      },
    ],
    [
      'exact phone',
      (i) => {
        const k = pick(known, i);
        return { query: `phone=${k.phone}`, filter: { phoneHash: blindIndex(k.phone, 'client.phone') } };
      },
    ],
    [
      'exact ID number',
      (i) => {
        const k = pick(known, i);
        return { query: `idNumber=${k.idNumber}`, filter: { idNumberHash: blindIndex(k.idNumber, 'client.id_number') } };
      },
    ],
    ['card number', (i) => ({ query: `cardNumber=${pick(cards, i)}`, cardNumber: pick(cards, i), filter: {} })],
    ['manager', (i) => ({ query: `managerId=${pick(managers, i)}`, filter: { managerId: pick(managers, i) } })],
    [
      'age 60–70',
      () => ({ query: 'ageMin=60&ageMax=70', filter: { bornOnOrBefore: yearsAgo(60), bornOnOrAfter: yearsAgo(71, true) } }),
    ],
    ['gender', () => ({ query: 'gender=female', filter: { gender: 'female' } })],
    [
      'manager + gender + age 40–50',
      (i) => ({
        query: `managerId=${pick(managers, i)}&gender=male&ageMin=40&ageMax=50`,
        filter: { managerId: pick(managers, i), gender: 'male', bornOnOrBefore: yearsAgo(40), bornOnOrAfter: yearsAgo(51, true) },
      }),
    ],
    ...['createdAt', '-createdAt', 'name', '-name', 'birthDate', '-birthDate'].map((sort) => [
      `sort ${sort}`,
      () => ({ query: `sort=${sort}`, filter: { sort } }),
    ]),
    ['deep page (page 1000)', () => ({ query: 'page=1000', page: 1000, filter: {} })],
    ['deep page (last page)', () => ({ query: `page=${CLIENTS / 20}`, page: CLIENTS / 20, filter: {} })],
  ];

  let token = await login();
  let tokenAt = Date.now();
  const results = [];
  console.log(`GET /api/v1/clients at ${CLIENTS} clients: ${REQUESTS} requests per form, one at a time, after ${WARMUP} warm-up`);
  for (const [label, make] of forms) {
    const http = [];
    const bare = [];
    let total;
    let bareTotal;
    for (let i = 0; i < WARMUP + REQUESTS; i++) {
      if (Date.now() - tokenAt > 600_000) {
        token = await login();
        tokenAt = Date.now();
      }
      const form = make(i);
      const page = form.page ?? 1;
      let start = process.hrtime.bigint();
      const res = await fetch(`${API}/api/v1/clients?pageSize=20&${form.query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = await res.json();
      if (res.status !== 200) throw new Error(`${label}: ${res.status} ${JSON.stringify(body)}`);
      if (i >= WARMUP) http.push(ms(start));
      total = body.total;

      start = process.hrtime.bigint();
      const filter = { ...form.filter };
      if (form.cardNumber) {
        const { rows } = await db.query(`SELECT client_id FROM card WHERE org_id = $1 AND number = $2`, [orgId, form.cardNumber]);
        filter.ids = rows.map((r) => r.client_id);
      }
      const result = await bareList(db, orgId, filter, (page - 1) * 20, 20);
      if (i >= WARMUP) bare.push(ms(start));
      bareTotal = result.total;
      if (i === 0 && result.rows.length !== body.items.length)
        throw new Error(`${label}: API returned ${body.items.length} rows, bare SQL ${result.rows.length}`);
    }
    http.sort((a, b) => a - b);
    bare.sort((a, b) => a - b);
    const row = {
      form: label,
      total: `${total}${total === bareTotal ? '' : ` (bare ${bareTotal})`}`,
      'http p50': percentile(http, 50).toFixed(1),
      'http p95': percentile(http, 95).toFixed(1),
      'sql p50': percentile(bare, 50).toFixed(1),
      'sql p95': percentile(bare, 95).toFixed(1),
      'p50 ratio': (percentile(http, 50) / percentile(bare, 50)).toFixed(1),
    };
    results.push(row);
    console.log(Object.values(row).join(' | '));
    if (EXPLAIN) {
      const form = make(0);
      const filter = { ...form.filter };
      if (form.cardNumber) filter.ids = [];
      const sql = listSql(orgId, filter, ((form.page ?? 1) - 1) * 20, 20);
      const { rows: page } = await db.query(sql.ids);
      for (const query of [sql.ids, sql.rows(page.map((r) => r.id)), sql.count]) {
        const { rows } = await db.query({ text: `EXPLAIN (ANALYZE, BUFFERS) ${query.text}`, values: query.values });
        console.log(rows.map((r) => `    ${r['QUERY PLAN']}`).join('\n'));
      }
    }
  }
  console.log('\n| form | total | HTTP p50 ms | HTTP p95 ms | SQL p50 ms | SQL p95 ms | HTTP/SQL p50 |');
  console.log('| --- | --: | --: | --: | --: | --: | --: |');
  for (const r of results) console.log(`| ${Object.values(r).join(' | ')} |`);
  await db.end();
} finally {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  if (KEEP) console.log(`database kept: ${database}`);
  else if (database) await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
  rmSync(dataDir, { recursive: true, force: true });
}
