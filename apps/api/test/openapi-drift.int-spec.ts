import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiDocument } from '../src/openapi';
import { serialiseOpenApi } from '../src/openapi-export';
import { createTestApp, TestApp } from './test-app';

const COMMITTED_SPEC = join(__dirname, '../../../libs/api-client/openapi.json');

describe('OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('matches the committed libs/api-client/openapi.json (run `npm run api-client:generate` when it does not)', () => {
    const served = JSON.parse(serialiseOpenApi(buildOpenApiDocument(t.app)));
    const committed = JSON.parse(readFileSync(COMMITTED_SPEC, 'utf8'));
    expect(Object.keys(served.paths).sort()).toEqual(Object.keys(committed.paths).sort());
    expect(served).toEqual(committed);
  });

  it('gives every operation a unique operationId, a summary and declared responses', () => {
    const document = buildOpenApiDocument(t.app);
    const seen = new Set<string>();
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(
        item as Record<string, { operationId?: string; summary?: string; responses?: object }>,
      )) {
        const where = `${method.toUpperCase()} ${path}`;
        expect({ where, operationId: operation.operationId }).toEqual({ where, operationId: expect.any(String) });
        expect(seen.has(operation.operationId!)).toBe(false);
        seen.add(operation.operationId!);
        expect({ where, summary: operation.summary }).toEqual({ where, summary: expect.any(String) });
        expect(Object.keys(operation.responses ?? {}).length).toBeGreaterThan(0);
      }
    }
  });
});
