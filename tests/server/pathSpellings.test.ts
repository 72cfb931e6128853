import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/server/app'
import type { Database } from '../../src/server/db/Database'
import { BACKENDS } from './backends'
import { PASSWORD, seedBank } from './fixtures'

type Route = { method: string; url: string; access?: string }

/**
 * The ways an attacker on the branch network spells a path to slip past a check made on the raw URL. Whatever the
 * spelling, a request either matches a route (and that route's access rule applies) or matches none (404).
 */
function spellings(path: string): string[] {
  const rest = path.slice('/api'.length)
  const encodeAll = (s: string) => [...s].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('')
  const firstSegmentEncoded = rest.replace(/^\/([a-z])/, (_m, c: string) => `/%${c.charCodeAt(0).toString(16)}`)
  return [
    `/%61pi${rest}`,
    `/ap%69${rest}`,
    `/%61%70%69${rest}`,
    `/%41PI${rest}`,
    `/${encodeAll('api')}${rest}`,
    `/api${firstSegmentEncoded}`,
    `/%2561pi${rest}`,
    `/api%2F${rest.slice(1)}`,
    `/API${rest}`,
    `/Api${rest}`,
    `/api${rest.toUpperCase()}`,
    `/api${rest}/`,
    `//api${rest}`,
    `///api${rest}`,
    `/./api${rest}`,
    `/api/.${rest}`,
    `/api/${rest}`,
    `/x/../api${rest}`,
    `/api${rest};x=1`,
    `/api;${rest}`,
    `/api${rest}%3B`,
    `/api${rest}?`,
    `/api${rest}??x`,
    `/api${rest}%3F`,
    `/api${rest}#`,
    `/api${rest}%00`,
    `/api${rest}%2e`,
    `/api${rest}/.`,
    `/api${rest}/..`,
    `/api/health/..${rest}`,
    `/api/health%2F..${rest}`,
    `/api${rest}\\`,
    `/api${rest} `,
  ]
}

const concrete = (url: string) => url.replace(/:id\b/g, 'tab-b1').replace(/:key\b/g, 'policy')

describe.each(BACKENDS)('every route holds whatever the spelling of its path, on $name', (backend) => {
  let db: Database
  let app: Awaited<ReturnType<typeof buildApp>>
  let bank: Awaited<ReturnType<typeof seedBank>>
  let routes: Route[]
  // A built app beside the API, as in production: a path that matches nothing may get the app's shell, never data.
  const dist = mkdtempSync(join(tmpdir(), 'spellings-dist-'))
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>shell</title>')

  beforeAll(async () => {
    db = await backend.open()
    bank = await seedBank(db)
    app = await buildApp({ db, distDir: dist })
    await app.ready()
    routes = (app as unknown as { routeTable: Route[] }).routeTable.filter(
      (r) => r.url.startsWith('/api/') && r.method !== 'HEAD',
    )
  })
  afterAll(async () => {
    await app.close()
    await db.close()
    rmSync(dist, { recursive: true, force: true })
  })

  it('answers 401, 403 or 404 without credentials, never a handler’s answer, for every protected route and spelling', async () => {
    const protectedRoutes = routes.filter((r) => r.access !== 'public')
    expect(protectedRoutes.length).toBeGreaterThan(15)
    const seen = new Set<number>()
    for (const r of protectedRoutes) {
      for (const url of spellings(concrete(r.url))) {
        const res = await app.inject({ method: r.method as 'GET', url, payload: r.method === 'GET' ? undefined : {} })
        seen.add(res.statusCode)
        expect(
          [400, 401, 403, 404],
          `${r.method} ${url} answered ${res.statusCode}: ${res.body.slice(0, 120)}`,
        ).toContain(res.statusCode)
        if (res.statusCode === 400) expect(res.json().error, `${r.method} ${url}`).toBe('bad_request')
        expect(res.headers['cache-control'], `${r.method} ${url}`).toMatch(/no-store|no-cache/)
      }
    }
    // The decoded spellings do reach the routes (and are refused there), the others match nothing.
    expect(seen).toContain(401)
    expect(seen).toContain(404)
  })

  it('refuses a lobby manager every administrator route under every spelling, and revokes nothing', async () => {
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: 'li', password: PASSWORD },
    })
    const li = signIn.json().token as string
    for (const r of routes.filter((x) => x.access === 'admin')) {
      for (const url of [concrete(r.url), ...spellings(concrete(r.url))]) {
        const res = await app.inject({
          method: r.method as 'GET',
          url,
          headers: bank.auth(li),
          payload: r.method === 'GET' ? undefined : {},
        })
        expect([400, 403, 404], `${r.method} ${url}`).toContain(res.statusCode)
      }
    }
    const { rows } = await db.query<{ revoked_at: Date | null }>('select revoked_at from devices')
    expect(rows.every((d) => d.revoked_at === null)).toBe(true)
  })

  it('is no password oracle: verify-staff under another spelling asks for a tablet, right password or wrong', async () => {
    for (const url of spellings('/api/auth/verify-staff')) {
      const right = await app.inject({ method: 'POST', url, payload: { username: 'li', password: PASSWORD } })
      const wrong = await app.inject({ method: 'POST', url, payload: { username: 'li', password: 'not-it' } })
      expect([right.statusCode, right.body], url).toEqual([wrong.statusCode, wrong.body])
      expect([401, 404, 400], url).toContain(right.statusCode)
    }
  })

  it('a route the table forgot to declare is refused to everyone (fail closed)', async () => {
    const bare = await buildApp({ db, distDir: '/nonexistent' })
    bare.get('/api/undeclared', async () => ({ secret: true }))
    bare.get('/undeclared-elsewhere', async () => ({ secret: true }))
    for (const url of ['/api/undeclared', '/%61pi/undeclared', '/undeclared-elsewhere']) {
      const res = await bare.inject({ url })
      expect(res.statusCode, url).toBe(403)
      expect(res.body).not.toContain('secret')
    }
    await bare.close()
  })
})
