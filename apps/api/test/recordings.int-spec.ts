import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import {
  adtsSample,
  amrSample,
  m4aSample,
  mp3CbrSample,
  opusSample,
  pngSample,
  vorbisSample,
  wavSample,
} from '@health/core/testing';
import { ADMIN, bearer, createOtherOrganisation, createUser, login, Session, sql, STAFF_PASSWORD } from './iam-test-helpers';
import { createTestApp, TestApp } from './test-app';

const MAX_BYTES = 200_000;
const CHUNK = 64 * 1024;

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

  const clientOf = new Map<Session, string>();
  let sequence = 0;

  /** A real follow-up record: a manual task for a client of the session's organisation and a not-reached call. */
  async function newRecord(session: Session = admin): Promise<string> {
    let clientId = clientOf.get(session);
    if (clientId === undefined) {
      const client = await request(t.http)
        .post('/api/v1/clients')
        .set(bearer(session))
        .send({ name: `录音客户${++sequence}`, gender: 'female', birthDate: '1970-01-01' })
        .expect(201);
      clientId = client.body.id as string;
      clientOf.set(session, clientId);
    }
    const task = await request(t.http)
      .post('/api/v1/follow-up-tasks')
      .set(bearer(session))
      .send({ clientId, title: '电话随访', method: 'phone', dueAt: new Date(Date.now() + 86_400_000).toISOString() })
      .expect(201);
    const record = await request(t.http)
      .post(`/api/v1/follow-up-tasks/${task.body.id}/records`)
      .set(bearer(session))
      .send({ method: 'phone', outcome: 'not_reached', nextAction: 'close' })
      .expect(201);
    return record.body.record.id as string;
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
    t = await createTestApp({ RECORDING_MAX_BYTES: String(MAX_BYTES), LOGIN_RATE_LIMIT_MAX: '1000' });
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
    const elsewhere = await newRecord(otherAdmin);

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
