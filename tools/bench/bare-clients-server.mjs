#!/usr/bin/env node
// The bare reference for tools/bench/clients-create.mjs: Fastify + pg inserting the same client row
// (pinyin initials, AES-256-GCM ciphertexts, HMAC blind indexes, masks) with no framework layers,
// validation, audit or outbox. Env: DATABASE_URL, ORG_ID, PORT, PROCESSES (default 1: more run as a
// Node cluster on the one port, as the API's API_PROCESSES does, so both sides can be compared alike).
import cluster from 'node:cluster';
import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import Fastify from 'fastify';
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

const app = Fastify({ logger: false });
app.post('/clients', async (request, reply) => {
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
  reply.code(201);
  return { id: rows[0].id };
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', async () => {
  await app.close();
  await pool.end();
  process.exit(0);
});
