import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { buildApp } from '../../src/server/app'
import { unreachableDatabase } from './unreachableDatabase'

const NAME = '欧阳娜娜'
const PHONE = '13987654321'
const customer = { name: NAME, phone: PHONE }

describe('request logging', () => {
  let app: Awaited<ReturnType<typeof buildApp>>
  const lines: string[] = []
  const log = () => lines.join('')

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk))
        done()
      },
    })
    // Only a level and a stream, as a careless caller would pass: the app adds the redaction itself.
    app = await buildApp({ db: unreachableDatabase(), distDir: '/nonexistent', logger: { level: 'trace', stream } })
    // Test-only routes, to exercise the body parsers and the worst habits a future route could have.
    app.post('/api/test/careless', { config: { access: 'public' } }, async (request) => {
      request.log.info({ body: request.body }, 'logged a whole body')
      request.log.info({ customer: (request.body as { customer: unknown }).customer }, 'logged a customer')
      request.log.info({ event: { payload: request.body } }, 'logged a nested payload')
      return { ok: true }
    })
    app.post('/api/test/validated', { config: { access: 'public' } }, async (request) =>
      z
        .object({ customer: z.object({ name: z.string().max(2), phone: z.string().regex(/^\d{3}$/) }) })
        .parse(request.body),
    )
    app.get('/api/test/crash', { config: { access: 'public' } }, async (request) => {
      throw new Error(`invalid input syntax for type uuid: "${(request.query as { phone: string }).phone}"`)
    })
  })
  afterAll(() => app.close())

  it('logs request lines with the path and the names of query parameters, never their values', async () => {
    await app.inject({ url: `/api/nope?name=${encodeURIComponent(NAME)}&phone=${PHONE}` })
    await app.inject({ url: `/complaints/search?q=${encodeURIComponent(NAME)}&${PHONE}=1` })
    expect(log()).toContain('"url":"/api/nope?name=…&phone=…"')
    expect(log()).toContain('"url":"/complaints/search?q=…&…=…"')
    expect(log()).toContain('"statusCode":404')
  })

  it('blanks customer fields that a route logs by mistake, at any depth the app uses', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/test/careless', payload: { customer, note: 'kept' } })
    expect(res.statusCode).toBe(200)
    expect(log()).toContain('logged a whole body')
    expect(log()).toContain('"note":"kept"')
    expect(log()).toContain('[redacted]')
  })

  it('blanks an attachment’s file name and caption (they may name the customer) at any depth the app uses', async () => {
    const attachment = { fileName: '欧阳娜娜的回单.jpg', caption: '欧阳娜娜 6222 0212' }
    const res = await app.inject({
      method: 'POST',
      url: '/api/test/careless',
      payload: { customer, ...attachment },
    })
    expect(res.statusCode).toBe(200)
    expect(log()).not.toContain('回单')
    expect(log()).not.toContain('6222 0212')
  })

  it('logs no value of a refused body: malformed, invalid, too large, or of the wrong type', async () => {
    const json = { 'content-type': 'application/json' }
    const malformed = await app.inject({
      method: 'POST',
      url: '/api/test/careless',
      headers: json,
      payload: `{"customer":{"name":"${NAME}","phone":"${PHONE}"}`,
    })
    expect(malformed.statusCode).toBe(400)
    const invalid = await app.inject({ method: 'POST', url: '/api/test/validated', payload: { customer } })
    expect(invalid.statusCode).toBe(400)
    const large = await app.inject({
      method: 'POST',
      url: '/api/test/careless',
      headers: json,
      payload: JSON.stringify({ customer, pad: 'x'.repeat(1024 * 1024) }),
    })
    expect(large.statusCode).toBe(413)
    const csv = await app.inject({
      method: 'POST',
      url: '/api/test/careless',
      headers: { 'content-type': 'text/csv' },
      payload: `${NAME},${PHONE}`,
    })
    expect(csv.statusCode).toBe(415)
  })

  it('logs an unexpected error without the value it quotes, and tells the client nothing of it', async () => {
    const res = await app.inject({ url: `/api/test/crash?phone=${PHONE}` })
    expect(res.statusCode).toBe(500)
    expect(res.json()).toEqual({ error: 'internal', message: 'Internal server error' })
    expect(log()).toContain('invalid input syntax for type uuid: \\"…\\"')
  })

  it('wrote none of the customer’s data in any of the above', () => {
    expect(lines.length).toBeGreaterThan(10)
    expect(log()).not.toContain(NAME)
    expect(log()).not.toContain(encodeURIComponent(NAME))
    expect(log()).not.toContain(PHONE)
  })
})
