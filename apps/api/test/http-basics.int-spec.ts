import request from 'supertest';
import { createTestApp, TestApp } from './test-app';

describe('HTTP basics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT: '1kb', CORS_ORIGINS: 'https://portal.example' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports health with database and queue status', async () => {
    const res = await request(t.http).get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up', queue: 'up' });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("keeps a caller's well-formed request id, in the header and in error bodies, and replaces any other", async () => {
    const kept = await request(t.http).get('/api/v1/nothing-here').set('X-Request-Id', 'partner-req-0001').expect(404);
    expect(kept.headers['x-request-id']).toBe('partner-req-0001');
    expect(kept.body.requestId).toBe('partner-req-0001');
    const replaced = await request(t.http).get('/api/health').set('X-Request-Id', 'not an id!').expect(200);
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers malformed JSON with 400 and the error shape', async () => {
    const res = await request(t.http).post('/api/health').set('Content-Type', 'application/json').send('{"a":').expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'MALFORMED_JSON', message: expect.any(String) });
  });

  it('takes JSON bodies only: a form-encoded sign-in is refused with 400', async () => {
    const res = await request(t.http)
      .post('/api/v1/auth/login')
      .type('form')
      .send({ username: 'admin', password: 'whatever-it-is' })
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
  });

  it('answers an oversized body with 413 and the error shape', async () => {
    const res = await request(t.http)
      .post('/api/health')
      .send({ blob: 'x'.repeat(5000) })
      .expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('takes a path with a trailing slash as the path without it', async () => {
    const res = await request(t.http).get('/api/health/').expect(200);
    expect(res.body.status).toBe('ok');
  });

  it('answers unknown routes with 404 and the error shape', async () => {
    const res = await request(t.http).get('/api/v1/nothing-here').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
  });

  it('sets the API security headers on API responses: nothing cached, nothing framed or sniffed', async () => {
    const res = await request(t.http).get('/api/health');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['strict-transport-security']).toContain('max-age=');
    expect(res.headers['x-powered-by']).toBeUndefined();
    // Errors too, and those of the body parser, which answers before any route.
    const malformed = await request(t.http).post('/api/health').set('Content-Type', 'application/json').send('{"a":');
    expect(malformed.headers['cache-control']).toBe('no-store');
    expect(malformed.headers['x-content-type-options']).toBe('nosniff');
  });

  it("sets helmet's document headers on pages (Swagger UI here, the admin likewise)", async () => {
    const res = await request(t.http).get('/api/docs/').redirects(1).expect(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    // The admin's recording player plays audio fetched into Blob URLs.
    expect(res.headers['content-security-policy']).toContain("media-src 'self' blob:");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('answers CORS for the configured origins only, and varies on Origin for everyone', async () => {
    const allowed = await request(t.http).get('/api/health').set('Origin', 'https://portal.example').expect(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://portal.example');
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    expect(allowed.headers['access-control-expose-headers']).toBe('X-Request-Id,Retry-After');
    expect(allowed.headers.vary).toContain('Origin');

    const preflight = await request(t.http)
      .options('/api/v1/clients')
      .set('Origin', 'https://portal.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type')
      .expect(204);
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
    expect(preflight.headers['access-control-allow-headers']).toBe('authorization,content-type');

    const foreign = await request(t.http).get('/api/health').set('Origin', 'https://elsewhere.example').expect(200);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();

    const noOrigin = await request(t.http).get('/api/health').expect(200);
    expect(noOrigin.headers['access-control-allow-origin']).toBeUndefined();
    expect(noOrigin.headers.vary).toBe('Origin');
  });

  it('serves the OpenAPI document', async () => {
    const res = await request(t.http).get('/api/openapi.json').expect(200);
    expect(res.body.paths['/api/health'].get.operationId).toBe('getHealth');
  });
});
