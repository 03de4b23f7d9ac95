#!/usr/bin/env node
// The bare reference for tools/bench/clients-create.mjs: Fastify + pg inserting the same client row
// (pinyin initials, AES-256-GCM ciphertexts, HMAC blind indexes, masks) with no framework layers,
// validation, audit or outbox. Env: DATABASE_URL, ORG_ID, PORT, PROCESSES (default 1: more run as a
// Node cluster on the one port, as the API's API_PROCESSES does, so both sides can be compared alike).
// REFERENCE=same-work (with JWT_SECRET) adds, by hand, the two things every API write must also do:
// check the bearer token and the user's permission (tokens and users' states remembered as the API
// does) and append the hash-chained audit row (the API's statement, batched as the API batches it).
import cluster from 'node:cluster';
import { createCipheriv, createHmac, createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { jwtVerify } from 'jose';
import pg from 'pg';
import { pinyin } from 'pinyin-pro';

const processes = Number(process.env.PROCESSES ?? 1);
if (processes > 1 && cluster.isPrimary) {
  // One set of keys for all processes, as the API's processes share theirs.
  process.env.BARE_KEYS = randomBytes(64).toString('hex');
  for (let i = 0; i < processes; i++) cluster.fork();
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    process.exit(0);
  });
  await new Promise(() => {});
}

const keys = process.env.BARE_KEYS ? Buffer.from(process.env.BARE_KEYS, 'hex') : randomBytes(64);
const key = keys.subarray(0, 32);
const hmacKey = keys.subarray(32);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const orgId = process.env.ORG_ID;

function encrypt(value) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return `v1:bare:${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${ciphertext.toString('base64')}`;
}
const blindIndex = (label, value) => createHmac('sha256', hmacKey).update(`${label}\u0000${value}`).digest('hex');

const sameWork = process.env.REFERENCE === 'same-work';
const jwtKey = sameWork ? createSecretKey(Buffer.from(process.env.JWT_SECRET, 'utf8')) : null;
const verifiedTokens = new Map();
const userStates = new Map();

/** The user of a valid bearer token who may write clients, or null (as the API's guard decides). */
async function writer(authorization) {
  const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : null;
  if (!token) return null;
  let claims = verifiedTokens.get(token);
  if (!claims || claims.expiresAtMs <= Date.now()) {
    try {
      const { payload } = await jwtVerify(token, jwtKey, {
        issuer: 'health-platform',
        audience: 'health-platform-api',
        algorithms: ['HS256'],
      });
      claims = { userId: payload.sub, orgId: payload.org, tokenVersion: payload.tv, expiresAtMs: payload.exp * 1000 };
      verifiedTokens.set(token, claims);
    } catch {
      return null;
    }
  }
  let state = userStates.get(claims.userId);
  if (!state || state.readAtMs < Date.now() - 1000) {
    const { rows } = await pool.query(
      `SELECT u.org_id, u.status, o.status AS org_status, u.token_version,
              coalesce(array_agg(DISTINCT p.code) FILTER (WHERE p.code IS NOT NULL), '{}') AS permissions
         FROM staff_user u JOIN organisation o ON o.id = u.org_id
         LEFT JOIN user_role ur ON ur.user_id = u.id LEFT JOIN role r ON r.id = ur.role_id
         LEFT JOIN LATERAL unnest(r.permissions) AS p(code) ON true
        WHERE u.id = $1 GROUP BY u.id, o.status`,
      [claims.userId],
    );
    state = rows[0] ? { ...rows[0], permissions: new Set(rows[0].permissions), readAtMs: Date.now() } : null;
    if (!state) return null;
    userStates.set(claims.userId, state);
  }
  const allowed =
    state.org_id === claims.orgId &&
    state.status === 'active' &&
    state.org_status === 'active' &&
    state.token_version === claims.tokenVersion &&
    state.permissions.has('clients:write');
  return allowed ? claims.userId : null;
}

/** Audit rows of the requests of one moment, appended in one statement (the API's group commit). */
let waitingRows = [];
let appending = false;
function audit(row) {
  return new Promise((resolve, reject) => {
    waitingRows.push({ row, resolve, reject });
    if (appending) return;
    appending = true;
    setImmediate(async () => {
      while (waitingRows.length > 0) {
        const batch = waitingRows.splice(0, 256);
        const rows = batch.map((w) => w.row);
        const column = (key) => rows.map((r) => r[key]);
        try {
          await pool.query({
            name: 'audit_append_many',
            text: `SELECT audit_append_many($1::uuid[], $2::timestamptz[], $3::uuid[], $4::text[], $5::text[], $6::text[],
                          $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13)`,
            values: [
              ...[
                'id',
                'occurredAt',
                'orgId',
                'actorType',
                'actorId',
                'action',
                'targetType',
                'targetId',
                'outcome',
                'ip',
                'requestId',
              ].map(column),
              rows.map((r) =>
                JSON.stringify([
                  r.id,
                  r.occurredAt.toISOString(),
                  r.orgId,
                  r.actorType,
                  r.actorId,
                  r.action,
                  r.targetType,
                  r.targetId,
                  r.outcome,
                  r.ip,
                  r.requestId,
                ]),
              ),
              '0'.repeat(64),
            ],
          });
          for (const w of batch) w.resolve();
        } catch (err) {
          for (const w of batch) w.reject(err);
        }
      }
      appending = false;
    });
  });
}

const app = Fastify({ logger: false });
app.post('/clients', async (request, reply) => {
  const userId = sameWork ? await writer(request.headers.authorization) : null;
  if (sameWork && !userId) return reply.code(401).send({ code: 'UNAUTHENTICATED' });
  const { name, gender, birthDate, idNumber, phone } = request.body;
  const initials = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase();
  const { rows } = await pool.query(
    `INSERT INTO client (org_id, name, name_initials, gender, birth_date, id_type, id_number_cipher, id_number_hash,
       id_number_masked, phone_cipher, phone_hash, phone_masked)
     VALUES ($1, $2, $3, $4, $5, 'resident_id', $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      orgId,
      name,
      initials,
      gender,
      birthDate,
      encrypt(idNumber),
      blindIndex('client.id_number', idNumber),
      `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`,
      encrypt(phone),
      blindIndex('client.phone', phone),
      `${phone.slice(0, 3)}****${phone.slice(-4)}`,
    ],
  );
  if (sameWork)
    await audit({
      id: randomUUID(),
      occurredAt: new Date(),
      orgId,
      actorType: 'user',
      actorId: userId,
      action: 'createClient',
      targetType: 'client',
      targetId: rows[0].id,
      outcome: 'success',
      ip: request.ip,
      requestId: randomUUID(),
    });
  reply.code(201);
  return { id: rows[0].id };
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', async () => {
  await app.close();
  await pool.end();
  process.exit(0);
});
