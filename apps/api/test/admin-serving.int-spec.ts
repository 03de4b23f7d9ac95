import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createTestApp, TestApp } from './test-app';

describe('serving the admin SPA', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    admin = mkdtempSync(join(tmpdir(), 'hp-admin-'));
    mkdirSync(join(admin, 'assets'));
    writeFileSync(join(admin, 'index.html'), '<!doctype html><title>admin</title>');
    writeFileSync(join(admin, 'assets', 'index-abc123.js'), 'console.log("admin")');
    t = await createTestApp({}, admin);
  });
  afterAll(async () => {
    await t.close();
    rmSync(admin, { recursive: true, force: true });
  });

  it('serves index.html at / and at every history-mode route, revalidated on each load, with the document policy', async () => {
    for (const path of ['/', '/users', '/clients/5f0c/detail']) {
      const res = await request(t.http).get(path).expect(200);
      expect(res.text).toContain('<title>admin</title>');
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    }
  });

  it('serves the build files with an hour of caching', async () => {
    const res = await request(t.http).get('/assets/index-abc123.js').expect(200);
    expect(res.text).toBe('console.log("admin")');
    expect(res.headers['content-type']).toContain('javascript');
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('leaves API paths to the API: an unknown one is a JSON 404, never the SPA', async () => {
    const res = await request(t.http).get('/api/v1/nothing-here').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
    expect(res.headers['cache-control']).toBe('no-store');
    await request(t.http).get('/api/health').expect(200);
  });

  it('answers other methods on page paths with a 404', async () => {
    const res = await request(t.http).post('/users').send({}).expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
  });
});
