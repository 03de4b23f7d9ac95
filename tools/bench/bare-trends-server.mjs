#!/usr/bin/env node
// The bare reference for tools/bench/trends.mjs: Fastify + pg answering GET /clients/:id/trends with
// the same two queries the API needs at the least (the client in the organisation, then the numeric
// points from the index) and the points grouped by code, with no auth, validation, dictionary,
// statistics or audit. Env: DATABASE_URL, ORG_ID, PORT.
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const orgId = process.env.ORG_ID;

const app = Fastify({ logger: false });
app.get('/clients/:id/trends', async (request, reply) => {
  const codes = String(request.query.codes ?? '').split(',');
  const client = await pool.query(`SELECT gender FROM client WHERE id = $1 AND org_id = $2 AND deleted_at IS NULL`, [
    request.params.id,
    orgId,
  ]);
  if (client.rowCount === 0) return reply.code(404).send({ statusCode: 404 });
  const { rows } = await pool.query(
    `SELECT indicator_code AS code, to_char(measured_on, 'YYYY-MM-DD') AS date, value_num AS value, comparator, verdict,
            report_id AS "reportId"
       FROM observation
      WHERE client_id = $1 AND indicator_code = ANY ($2::text[]) AND value_num IS NOT NULL
      ORDER BY indicator_code, measured_on`,
    [request.params.id, codes],
  );
  const series = codes.map((code) => ({
    code,
    points: rows
      .filter((row) => row.code === code)
      .map((row) => ({ date: row.date, value: row.value, abnormal: row.verdict, reportId: row.reportId })),
  }));
  return { series };
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', async () => {
  await app.close();
  await pool.end();
  process.exit(0);
});
