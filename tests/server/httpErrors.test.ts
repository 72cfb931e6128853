import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { buildApp } from '../../src/server/app'
import { HttpError } from '../../src/server/http/errors'
import { unreachableDatabase } from './unreachableDatabase'

describe('errors are JSON with a code and a message, 4xx for anything the client did', () => {
  let app: Awaited<ReturnType<typeof buildApp>>
  const json = { 'content-type': 'application/json' }

  beforeAll(async () => {
    app = await buildApp({ db: unreachableDatabase(), distDir: '/nonexistent' })
    // Test-only routes: the parsers run before a handler, so any route taking a body exercises them.
    app.post('/api/test/echo', { config: { access: 'public' } }, async (request) => ({ got: request.body }))
    app.post('/api/test/zod', { config: { access: 'public' } }, async (request) =>
      z.object({ count: z.number().int() }).parse(request.body),
    )
    app.post(
      '/api/test/schema',
      {
        config: { access: 'public' },
        schema: { body: { type: 'object', required: ['count'], properties: { count: { type: 'integer' } } } },
      },
      async () => ({}),
    )
    app.get('/api/test/refused', { config: { access: 'public' } }, async () => {
      throw new HttpError(409, 'conflict', 'Already closed')
    })
    app.get('/api/test/bug', { config: { access: 'public' } }, async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'x')")
    })
  })
  afterAll(() => app.close())

  it.each([
    ['malformed JSON', { headers: json, payload: '{"count": ' }, 400, 'invalid_json'],
    ['an empty JSON body', { headers: json, payload: '' }, 400, 'invalid_json'],
    ['a prototype-poisoning body', { headers: json, payload: '{"__proto__": {"admin": true}}' }, 400, 'invalid_json'],
    [
      'a body over 1 MiB',
      { headers: json, payload: JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }) },
      413,
      'payload_too_large',
    ],
    [
      'a body of another type',
      { headers: { 'content-type': 'text/csv' }, payload: 'a,b' },
      415,
      'unsupported_media_type',
    ],
  ] as const)('%s → %i %s', async (_what, request, status, error) => {
    const res = await app.inject({ method: 'POST', url: '/api/test/echo', ...request })
    expect(res.statusCode).toBe(status)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.json()).toEqual({ error, message: expect.stringMatching(/\w/) })
  })

  it('accepts a body of exactly 1 MiB', async () => {
    const pad = 'x'.repeat(1024 * 1024 - '{"pad":""}'.length)
    const res = await app.inject({ method: 'POST', url: '/api/test/echo', headers: json, payload: `{"pad":"${pad}"}` })
    expect(res.statusCode).toBe(200)
  })

  it('a zod or a JSON-schema violation is a 400 that names the field', async () => {
    const zod = await app.inject({ method: 'POST', url: '/api/test/zod', payload: { count: 'many' } })
    expect(zod.statusCode).toBe(400)
    expect(zod.json()).toMatchObject({ error: 'invalid', message: expect.stringContaining('count') })
    const schema = await app.inject({ method: 'POST', url: '/api/test/schema', payload: { count: 1.5 } })
    expect(schema.statusCode).toBe(400)
    expect(schema.json()).toMatchObject({ error: 'invalid', message: expect.stringContaining('count') })
  })

  it('an HttpError keeps its status, code and message', async () => {
    const res = await app.inject('/api/test/refused')
    expect(res.statusCode).toBe(409)
    expect(res.json()).toEqual({ error: 'conflict', message: 'Already closed' })
  })

  it('our own bug is a 500 that says nothing of the code', async () => {
    const res = await app.inject('/api/test/bug')
    expect(res.statusCode).toBe(500)
    expect(res.json()).toEqual({ error: 'internal', message: 'Internal server error' })
    expect(res.body).not.toMatch(/TypeError|reading|\.ts|at /)
  })

  it('an unknown API path or method is a JSON 404, whatever the method', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'DELETE'] as const) {
      const res = await app.inject({ method, url: '/api/nope' })
      expect(res.statusCode, method).toBe(404)
      expect(res.json()).toEqual({ error: 'not_found', message: expect.stringContaining('/api/nope') })
    }
  })
})
