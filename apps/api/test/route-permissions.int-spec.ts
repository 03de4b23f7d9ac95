import { randomUUID } from 'node:crypto';
import { Controller, ExecutionContext, Get, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import request from 'supertest';
import { AccessGuard, accessRuleOf } from '@health/iam';
import { createTestApp, TestApp } from './test-app';

interface Route {
  method: string;
  path: string;
  handler: string;
  rule: string | undefined;
}

/** Every HTTP route of the running application, with the access rule the guard will apply. */
function routesOf(t: TestApp): Route[] {
  const reflector = t.app.get(Reflector);
  const scanner = new MetadataScanner();
  const routes: Route[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const base = [reflector.get<string | string[]>(PATH_METADATA, controller)].flat()[0] ?? '';
      for (const name of scanner.getAllMethodNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, () => unknown>)[name];
        const method = reflector.get<RequestMethod | undefined>(METHOD_METADATA, handler);
        if (method === undefined) continue;
        const path = [reflector.get<string | string[]>(PATH_METADATA, handler)].flat()[0] ?? '';
        routes.push({
          method: RequestMethod[method],
          path: `/api/${[base, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/'),
          handler: `${controller.name}.${name}`,
          rule: accessRuleOf(reflector, handler, controller)?.kind,
        });
      }
    }
  }
  return routes;
}

describe('route permissions: deny by default', () => {
  let t: TestApp;
  let routes: Route[];

  beforeAll(async () => {
    t = await createTestApp();
    routes = routesOf(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('finds the routes of the running application', () => {
    const signatures = routes.map((r) => `${r.method} ${r.path}`);
    expect(signatures).toEqual(
      expect.arrayContaining([
        'GET /api/health',
        'POST /api/v1/auth/login',
        'GET /api/v1/users',
        'PATCH /api/v1/users/:id',
        'GET /api/v1/audit-events/verify',
        'POST /api/v1/organisations',
      ]),
    );
  });

  it('every route declares @Public, @Authenticated, @RequirePermissions or @PlatformAdminOnly', () => {
    const undeclared = routes.filter((r) => r.rule === undefined).map((r) => `${r.method} ${r.path} (${r.handler})`);
    expect(undeclared).toEqual([]);
  });

  it('every non-public route refuses a request without credentials', async () => {
    const protectedRoutes = routes.filter((r) => r.rule !== 'public');
    expect(protectedRoutes.length).toBeGreaterThan(15);
    for (const route of protectedRoutes) {
      const path = route.path.replace(/:[A-Za-z]+/g, randomUUID());
      const res = await request(t.http)[route.method.toLowerCase() as 'get'](path);
      expect([route.method, route.path, res.status, res.body.code]).toEqual([route.method, route.path, 401, 'UNAUTHENTICATED']);
    }
  });

  it('the guard refuses a route that declares nothing', async () => {
    @Controller('v1/forgotten')
    class ForgottenController {
      @Get()
      forgotten() {
        return 'should never run';
      }
    }
    const record = jest.fn();
    const authenticate = jest.fn();
    const guard = new AccessGuard(t.app.get(Reflector), { authenticate } as never, { record } as never);
    const context = {
      getType: () => 'http',
      getHandler: () => ForgottenController.prototype.forgotten,
      getClass: () => ForgottenController,
    } as unknown as ExecutionContext;
    await expect(guard.canActivate(context)).rejects.toMatchObject({ statusCode: 403, code: 'PERMISSION_DENIED' });
    expect(authenticate).not.toHaveBeenCalled();
  });

  it('every operation has a unique operationId and a summary', async () => {
    const res = await request(t.http).get('/api/openapi.json').expect(200);
    const operations = Object.values(
      res.body.paths as Record<string, Record<string, { operationId?: string; summary?: string }>>,
    ).flatMap((item) => Object.values(item));
    const ids = operations.map((o) => o.operationId);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(operations.filter((o) => !o.summary).map((o) => o.operationId)).toEqual([]);
  });
});
