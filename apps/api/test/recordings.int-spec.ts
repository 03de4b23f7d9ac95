import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { configureHttp, createRootLogger, parseConfig, PinoNestLogger } from '@health/core';
import {
  adtsSample,
  amrSample,
  createTestDatabase,
  deleteQueueKeys,
  m4aSample,
  mp3CbrSample,
  opusSample,
  pngSample,
  TEST_REDIS_URL,
  uniqueQueuePrefix,
  vorbisSample,
  wavSample,
} from '@health/core/testing';
// libs/follow-ups has no project or path alias in this branch yet: import '@health/follow-ups' once it does.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { RecordingsModule, RECORDINGS_MIGRATIONS } from '../../../libs/follow-ups/src/recordings';
import { ApiBootOptions, AppModule } from '../src/app.module';
import { API_MIGRATIONS } from '../src/migrations';
import { ADMIN, bearer, createOtherOrganisation, createUser, login, Session, sql, STAFF_PASSWORD } from './iam-test-helpers';
import { TestApp } from './test-app';

const MAX_BYTES = 200_000;
const CHUNK = 64 * 1024;

/**
 * The columns of `follow_up_record` this test writes, created only when the follow-ups migrations
 * have not (this worktree does not have them yet); it runs just before the recordings migration.
 */
class FollowUpRecordStandIn1766999999999 implements MigrationInterface {
  name = 'FollowUpRecordStandIn1766999999999';
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE IF NOT EXISTS follow_up_record (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL REFERENCES organisation (id),
        task_id uuid NOT NULL,
        client_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }
  async down(): Promise<void> {}
}

@Module({})
class RecordingsTestModule {
  static register(options: ApiBootOptions): DynamicModule {
    return { module: RecordingsTestModule, imports: [AppModule.register(options), RecordingsModule] };
  }
}

/** `createTestApp` with the recordings module and its migration (and a small RECORDING_MAX_BYTES). */
async function createRecordingsTestApp(): Promise<TestApp> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'hp-test-'));
  const config = parseConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    DATA_DIR: dataDir,
    ADMIN_INITIAL_PASSWORD: ADMIN.password,
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    BLIND_INDEX_KEY: randomBytes(32).toString('hex'),
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
    RUN_WORKER: 'separate',
    QUEUE_PREFIX: uniqueQueuePrefix(),
    RECORDING_MAX_BYTES: String(MAX_BYTES),
  });
  const migrations = [
    ...API_MIGRATIONS.filter((m) => !RECORDINGS_MIGRATIONS.includes(m)),
    FollowUpRecordStandIn1766999999999,
    ...RECORDINGS_MIGRATIONS,
  ];
  const logger = createRootLogger(config.logLevel);
  let app: NestExpressApplication;
  try {
    app = await NestFactory.create<NestExpressApplication>(
      RecordingsTestModule.register({
        config,
        database: { url: database.url, embedded: false, migrations, runMigrations: true },
      }),
      { bodyParser: false, logger: new PinoNestLogger(logger) },
    );
    app.setGlobalPrefix('api');
    configureHttp(app, config, logger);
    await app.init();
  } catch (err) {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    app,
    config,
    database,
    http: app.getHttpServer(),
    async close() {
      await app.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
      await deleteQueueKeys(config.queuePrefix);
    },
  };
}

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** Superagent hands back audio bodies as Buffers only when asked to. */
const asBuffer = (res: request.Response, callback: (err: Error | null, body: Buffer) => void) => {
  const pieces: Buffer[] = [];
  res.on('data', (piece: Buffer) => pieces.push(piece));
  res.on('end', () => callback(null, Buffer.concat(pieces)));
};

describe('follow-up call recordings', () => {
  let t: TestApp;
  let admin: Session;
  let agent: Session;
  let auditor: Session;
  let listener: Session;
  let otherAdmin: Session;
  let orgId: string;

  /** A follow-up record row with only the columns recordings rely on (the rest must have defaults). */
  async function newRecord(org = orgId): Promise<string> {
    const id = randomUUID();
    await sql(t, `INSERT INTO follow_up_record (id, org_id, task_id, client_id, created_at) VALUES ($1, $2, $3, $4, now())`, [
      id,
      org,
      randomUUID(),
      randomUUID(),
    ]);
    return id;
  }

  const path = (recordId: string) => `/api/v1/follow-up-records/${recordId}/recording`;
  const putFile = (
    recordId: string,
    content: Buffer,
    fileName: string,
    session = agent,
    contentType = 'application/octet-stream',
  ) => request(t.http).put(path(recordId)).set(bearer(session)).attach('file', content, { filename: fileName, contentType });
  const putRaw = (recordId: string, content: Buffer, contentType: string, session = agent) =>
    request(t.http).put(path(recordId)).set(bearer(session)).set('Content-Type', contentType).send(content);
  const play = (recordId: string, range?: string, session = agent) => {
    const req = request(t.http).get(path(recordId)).set(bearer(session)).buffer(true).parse(asBuffer);
    return range ? req.set('Range', range) : req;
  };

  beforeAll(async () => {
    t = await createRecordingsTestApp();
    admin = await login(t, ADMIN.username, ADMIN.password);
    orgId = admin.user.organisation.id;
    await createUser(t, admin, 'call.agent', ['nurse']);
    await createUser(t, admin, 'audit.only', ['auditor']);
    await request(t.http)
      .post('/api/v1/roles')
      .set(bearer(admin))
      .send({ code: 'recording-listener', name: '录音收听', permissions: ['follow-ups:read'] })
      .expect(201);
    await createUser(t, admin, 'only.listens', ['recording-listener']);
    agent = await login(t, 'call.agent', STAFF_PASSWORD);
    auditor = await login(t, 'audit.only', STAFF_PASSWORD);
    listener = await login(t, 'only.listens', STAFF_PASSWORD);
    otherAdmin = await createOtherOrganisation(t, admin);
  });
  afterAll(() => t?.close());

  it.each([
    ['wav', () => wavSample(1.5), 'audio/wav', 1500],
    ['mp3', () => mp3CbrSample(100), 'audio/mpeg', 2612],
    ['m4a', () => m4aSample(44100, 154350), 'audio/mp4', 3500],
    ['aac', () => adtsSample(43), 'audio/aac', 998],
    ['amr', () => amrSample(250), 'audio/amr', 5000],
    ['ogg', () => opusSample(2), 'audio/ogg', 2000],
  ])('accepts a %s upload (multipart) and records its type, size, sha256 and duration', async (ext, build, mime, durationMs) => {
    const recordId = await newRecord();
    const content = build();
    const res = await putFile(recordId, content, `call.${ext}`).expect(200);
    expect(res.body).toMatchObject({
      recordId,
      mime,
      sizeBytes: content.length,
      sha256: sha256(content),
      durationMs,
      uploadedByType: 'user',
      uploadedById: agent.user.id,
    });
    const meta = await request(t.http)
      .get(`${path(recordId)}/meta`)
      .set(bearer(agent))
      .expect(200);
    expect(meta.body).toEqual(res.body);
  });

  it('accepts a raw audio/* body, and goes by content: an mp3 named .wav is an mp3', async () => {
    const raw = await newRecord();
    const vorbis = vorbisSample(3);
    expect((await putRaw(raw, vorbis, 'audio/ogg').expect(200)).body).toMatchObject({ mime: 'audio/ogg', durationMs: 3000 });

    const misnamed = await newRecord();
    const mp3 = mp3CbrSample(20);
    const res = await putFile(misnamed, mp3, 'call.wav', agent, 'audio/wav').expect(200);
    expect(res.body).toMatchObject({ mime: 'audio/mpeg', durationMs: 522 });
  });

  it('refuses what is not audio with 415, however it is named or typed, and stores nothing', async () => {
    const recordId = await newRecord();
    const png = await putFile(recordId, pngSample(), 'call.mp3', agent, 'audio/mpeg').expect(415);
    expect(png.body.code).toBe('RECORDING_TYPE_UNSUPPORTED');
    expect((await putRaw(recordId, pngSample(), 'audio/mpeg').expect(415)).body.code).toBe('RECORDING_TYPE_UNSUPPORTED');
    const json = await request(t.http).put(path(recordId)).set(bearer(agent)).send({ file: 'x' }).expect(415);
    expect(json.body.code).toBe('RECORDING_TYPE_UNSUPPORTED');
    expect((await request(t.http).put(path(recordId)).set(bearer(agent)).field('note', 'no file').expect(400)).body.code).toBe(
      'RECORDING_UPLOAD_INVALID',
    );
    expect(await sql(t, `SELECT 1 FROM follow_up_recording WHERE record_id = $1`, [recordId])).toHaveLength(0);
  });

  it('refuses a recording over RECORDING_MAX_BYTES with 413, multipart or raw', async () => {
    const recordId = await newRecord();
    const big = wavSample(13); // 208,000 bytes of audio
    expect(big.length).toBeGreaterThan(MAX_BYTES);
    expect((await putFile(recordId, big, 'long.wav').expect(413)).body.code).toBe('RECORDING_TOO_LARGE');
    expect((await putRaw(recordId, big, 'audio/wav').expect(413)).body.code).toBe('RECORDING_TOO_LARGE');
    await putRaw(recordId, wavSample(12), 'audio/wav').expect(200);
  });

  describe('playback', () => {
    // 12 s of 8 kHz 16-bit audio: three 64 KiB storage chunks and a bit.
    const audio = wavSample(12);
    let recordId: string;

    beforeAll(async () => {
      recordId = await newRecord();
      await putRaw(recordId, audio, 'audio/wav').expect(200);
    });

    it('streams the whole recording with its ETag and Accept-Ranges, and keeps it encrypted on disk', async () => {
      const res = await play(recordId).expect(200);
      expect(res.headers).toMatchObject({
        'content-type': 'audio/wav',
        'content-length': String(audio.length),
        'accept-ranges': 'bytes',
        etag: `"${sha256(audio)}"`,
      });
      expect((res.body as Buffer).equals(audio)).toBe(true);

      const [{ storage_key: key }] = await sql<{ storage_key: string }>(
        t,
        `SELECT storage_key FROM follow_up_recording WHERE record_id = $1`,
        [recordId],
      );
      const onDisk = readFileSync(join(t.config.dataDir, 'objects', key));
      expect(onDisk.includes(audio.subarray(0, 44))).toBe(false);
    });

    it.each([
      ['bytes=0-43', 0, 43],
      [`bytes=${CHUNK - 10}-${CHUNK + 9}`, CHUNK - 10, CHUNK + 9],
      [`bytes=${CHUNK * 2}-`, CHUNK * 2, audio.length - 1],
      ['bytes=-100', audio.length - 100, audio.length - 1],
      [`bytes=100-${audio.length + 5000}`, 100, audio.length - 1],
    ])('answers Range %s with 206 and exactly those bytes', async (range, start, end) => {
      const res = await play(recordId, range).expect(206);
      expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${audio.length}`);
      expect(res.headers['content-length']).toBe(String(end - start + 1));
      expect((res.body as Buffer).equals(audio.subarray(start, end + 1))).toBe(true);
    });

    it('answers 416 with the size for ranges outside the recording or malformed', async () => {
      for (const range of [`bytes=${audio.length}-`, 'bytes=500-100', 'bytes=abc']) {
        const res = await request(t.http).get(path(recordId)).set(bearer(agent)).set('Range', range).expect(416);
        expect(res.body.code).toBe('RECORDING_RANGE_NOT_SATISFIABLE');
        expect(res.headers['content-range']).toBe(`bytes */${audio.length}`);
      }
    });
  });

  it('replaces the recording on a new upload and removes the old object', async () => {
    const recordId = await newRecord();
    const first = (await putRaw(recordId, wavSample(1), 'audio/wav').expect(200)).body;
    const second = (await putRaw(recordId, amrSample(50), 'audio/amr').expect(200)).body;
    expect(second.id).not.toBe(first.id);
    const meta = await request(t.http)
      .get(`${path(recordId)}/meta`)
      .set(bearer(listener))
      .expect(200);
    expect(meta.body).toMatchObject({ id: second.id, mime: 'audio/amr', durationMs: 1000 });
    expect(readdirSync(join(t.config.dataDir, 'objects', 'recordings', orgId))).not.toContain(first.id);
    expect(readdirSync(join(t.config.dataDir, 'objects', 'recordings', orgId))).toContain(second.id);
    expect((await play(recordId).expect(200)).body.equals(amrSample(50))).toBe(true);
  });

  it('hides records of other organisations and needs the follow-up permissions', async () => {
    const recordId = await newRecord();
    await putRaw(recordId, wavSample(1), 'audio/wav').expect(200);
    const elsewhere = await newRecord(otherAdmin.user.organisation.id);

    expect((await play(recordId, undefined, otherAdmin).expect(404)).body.toString()).toContain('FOLLOW_UP_RECORD_NOT_FOUND');
    expect((await putRaw(recordId, wavSample(1), 'audio/wav', otherAdmin).expect(404)).body.code).toBe(
      'FOLLOW_UP_RECORD_NOT_FOUND',
    );
    expect((await putRaw(elsewhere, wavSample(1), 'audio/wav').expect(404)).body.code).toBe('FOLLOW_UP_RECORD_NOT_FOUND');
    const norecording = await newRecord();
    expect(
      (
        await request(t.http)
          .get(`${path(norecording)}/meta`)
          .set(bearer(agent))
          .expect(404)
      ).body.code,
    ).toBe('FOLLOW_UP_RECORDING_NOT_FOUND');

    await play(recordId, undefined, auditor).expect(403);
    await request(t.http)
      .get(`${path(recordId)}/meta`)
      .set(bearer(auditor))
      .expect(403);
    await putRaw(recordId, wavSample(1), 'audio/wav', listener).expect(403);
    expect((await play(recordId, 'bytes=0-9', listener).expect(206)).body.equals(wavSample(1).subarray(0, 10))).toBe(true);
    await request(t.http).get(path('not-a-uuid')).set(bearer(agent)).expect(400);
  });

  it('audits every upload and every playback', async () => {
    const recordId = await newRecord();
    await putRaw(recordId, wavSample(1), 'audio/wav').expect(200);
    await putFile(recordId, pngSample(), 'x.mp3').expect(415);
    await play(recordId).expect(200);
    await play(recordId, 'bytes=0-99').expect(206);
    await play(recordId, undefined, auditor).expect(403);

    const rows = await sql<{ action: string; outcome: string; actor_id: string; target_type: string }>(
      t,
      `SELECT action, outcome, actor_id, target_type FROM audit_event WHERE target_id = $1 ORDER BY seq`,
      [recordId],
    );
    expect(rows).toEqual([
      { action: 'uploadFollowUpRecording', outcome: 'success', actor_id: agent.user.id, target_type: 'follow_up_record' },
      { action: 'uploadFollowUpRecording', outcome: 'failure', actor_id: agent.user.id, target_type: 'follow_up_record' },
      { action: 'follow_up_recording.played', outcome: 'success', actor_id: agent.user.id, target_type: 'follow_up_record' },
      { action: 'follow_up_recording.played', outcome: 'success', actor_id: agent.user.id, target_type: 'follow_up_record' },
      { action: 'getFollowUpRecording', outcome: 'denied', actor_id: auditor.user.id, target_type: 'follow_up_record' },
    ]);
  });
});
