import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/server/app'
import type { Database } from '../../src/server/db/Database'
import { BACKENDS } from './backends'

let db: Database
let app: Awaited<ReturnType<typeof buildApp>>
beforeAll(async () => {
  const dist = mkdtempSync(join(tmpdir(), 'dist-'))
  mkdirSync(join(dist, 'assets'))
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>投诉台</title>')
  writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {})')
  writeFileSync(join(dist, 'manifest.webmanifest'), '{"name":"投诉台"}')
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)')
  db = await BACKENDS[0]!.open()
  app = await buildApp({ db, distDir: dist })
})
afterAll(async () => {
  await app.close()
  await db.close()
})

describe('serving the app', () => {
  it.each(['/', '/index.html', '/sw.js', '/manifest.webmanifest'])(
    '%s is revalidated on every load (no-cache)',
    async (url) => {
      const res = await app.inject(url)
      expect(res.statusCode).toBe(200)
      expect(res.headers['cache-control']).toBe('no-cache')
    },
  )

  it('caches hashed assets for a year', async () => {
    const res = await app.inject('/assets/index-abc123.js')
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
  })

  it('answers a deep link with the app shell', async () => {
    const res = await app.inject('/complaints/0199aa00-0000-7000-8000-000000000000')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('投诉台')
    expect(res.headers['cache-control']).toBe('no-cache')
  })

  it('sends a content security policy and no inline scripts are allowed', async () => {
    const csp = (await app.inject('/')).headers['content-security-policy'] as string
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'")
    expect(csp).toContain("frame-ancestors 'none'")
    // WebAssembly may compile (the PIN's Argon2id, issue 17); JavaScript's eval may not.
    expect(csp.replaceAll("'wasm-unsafe-eval'", '')).not.toContain('unsafe-eval')
  })

  it('answers an unknown API path with JSON 404', async () => {
    const res = await app.inject('/api/nope')
    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({ error: 'not_found' })
  })

  it('refuses malformed JSON and oversized bodies with 4xx and a message', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toBeTruthy()
    const big = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'x'.repeat(2 * 1024 * 1024) }),
    })
    expect(big.statusCode).toBe(413)
    const wrongType = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'text/csv' },
      payload: 'a,b',
    })
    expect(wrongType.statusCode).toBe(415)
  })
})

describe('before the app is built', () => {
  it('says how to build it', async () => {
    const bare = await buildApp({ db, distDir: '/nonexistent' })
    const res = await bare.inject('/')
    expect(res.statusCode).toBe(503)
    expect(res.body).toContain('npm run build')
    await bare.close()
  })
})
