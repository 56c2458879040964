import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { z } from 'zod';
import { createApp } from '../../server/http/app.js';
import { defineRoute } from '../../server/http/route.js';
import { ProblemError } from '../../server/http/problems.js';
import { buildOpenApi } from '../../server/http/openapi.js';
import { loadConfig } from '../../server/config/load.js';
import { createLogger } from '../../server/log/logger.js';

const config = loadConfig({}, { bodyLimit: '2kb' });
const logger = createLogger('silent');

const routes = [
  defineRoute({
    method: 'post',
    path: '/api/echo/:name',
    operationId: 'echo',
    summary: 'echo',
    tags: ['test'],
    access: { public: true, reason: 'test' },
    params: z.object({ name: z.string().min(2) }),
    body: z.object({ count: z.number().int().min(1), note: z.string().optional() }),
    response: z.object({ name: z.string(), count: z.number() }),
    handler: ({ params, body }) => ({ name: params.name, count: body.count }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/secret',
    operationId: 'secret',
    summary: 'protected',
    tags: ['test'],
    access: { object: 'case', action: 'read' },
    handler: () => ({ ok: true }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/boom',
    operationId: 'boom',
    summary: 'fails',
    tags: ['test'],
    access: { public: true, reason: 'test' },
    handler: () => {
      throw new Error('database password is hunter2');
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/conflict',
    operationId: 'conflict',
    summary: 'business conflict',
    tags: ['test'],
    access: { public: true, reason: 'test' },
    handler: () => {
      throw new ProblemError('http.conflict', 'case already closed', { caseId: 'C1' });
    },
  }),
];
const app = createApp({ config, logger, routes });

function expectProblem(res: request.Response, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code });
  expect(typeof res.body.title).toBe('string');
  expect(res.body.requestId).toBe(res.headers['x-request-id']);
}

describe('HTTP layer: validation and problem+json', () => {
  it('given a valid request, the handler answers with its JSON and a request id', async () => {
    const res = await request(app).post('/api/echo/ab').send({ count: 3 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ name: 'ab', count: 3 });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps a sane caller-supplied request id and replaces a hostile one', async () => {
    const ok = await request(app).post('/api/echo/ab').set('X-Request-Id', 'intake-42').send({ count: 1 });
    expect(ok.headers['x-request-id']).toBe('intake-42');
    const bad = await request(app).post('/api/echo/ab').set('X-Request-Id', '<script>alert(1)</script>').send({ count: 1 });
    expect(bad.headers['x-request-id']).not.toContain('<');
  });

  it('rejects a malformed JSON body with 400 http.malformed_json', async () => {
    const res = await request(app).post('/api/echo/ab').set('Content-Type', 'application/json').send('{"count": 1,');
    expectProblem(res, 400, 'http.malformed_json');
  });

  it('rejects a body over the limit with 413 http.payload_too_large', async () => {
    const res = await request(app).post('/api/echo/ab').send({ count: 1, note: 'x'.repeat(4096) });
    expectProblem(res, 413, 'http.payload_too_large');
  });

  it('reports every invalid field with its location', async () => {
    const res = await request(app).post('/api/echo/a').send({ count: 0 });
    expectProblem(res, 400, 'http.validation_failed');
    // the first failing part is reported (path params are checked before the body)
    expect(res.body.errors).toEqual([expect.objectContaining({ in: 'path', path: 'name' })]);
    const body = await request(app).post('/api/echo/ab').send({ count: 'three' });
    expect(body.body.errors).toEqual([expect.objectContaining({ in: 'body', path: 'count' })]);
  });

  it('answers an unknown route with 404 http.not_found', async () => {
    const res = await request(app).get('/api/nowhere');
    expectProblem(res, 404, 'http.not_found');
  });

  it('denies a protected route without identity with 401, not 500', async () => {
    const res = await request(app).get('/api/secret');
    expectProblem(res, 401, 'http.unauthenticated');
  });

  it('turns an unexpected error into 500 http.internal without leaking its message', async () => {
    const res = await request(app).get('/api/boom');
    expectProblem(res, 500, 'http.internal');
    expect(JSON.stringify(res.body)).not.toContain('hunter2');
  });

  it('passes business problems through with their extension members', async () => {
    const res = await request(app).get('/api/conflict');
    expectProblem(res, 409, 'http.conflict');
    expect(res.body).toMatchObject({ detail: 'case already closed', caseId: 'C1' });
  });
});

describe('OpenAPI document', () => {
  it('is generated from the same schemas the routes validate with', () => {
    const doc = buildOpenApi(routes, { version: '1.2.3' }) as any;
    expect(doc.openapi).toBe('3.1.0');
    const echo = doc.paths['/api/echo/{name}'].post;
    expect(echo.parameters).toEqual([expect.objectContaining({ name: 'name', in: 'path', required: true, schema: expect.objectContaining({ minLength: 2 }) })]);
    expect(echo.requestBody.content['application/json'].schema).toMatchObject({
      type: 'object',
      required: ['count'],
      properties: { count: { type: 'integer', minimum: 1 } },
    });
    expect(echo.security).toEqual([]);
    expect(doc.paths['/api/secret'].get.security).toEqual([{ session: [] }, { apiToken: [] }]);
    expect(doc.paths['/api/secret'].get['x-gongzhi-access']).toEqual({ object: 'case', action: 'read' });
    expect(doc.components.schemas.Problem.properties.code.enum).toContain('http.not_found');
  });
});
