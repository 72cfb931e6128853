import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const TSX = join(ROOT, 'node_modules/.bin/tsx')

interface Running {
  child: ChildProcess
  out: () => string
  err: () => string
  exited: Promise<number | null>
}

/** `npm run serve` as an operator runs it: a real process, a real port (any free one), a real data directory. */
function serve(env: Record<string, string>): Running {
  let out = ''
  let err = ''
  const child = spawn(TSX, ['src/server/main.ts'], {
    cwd: ROOT,
    // DATABASE_URL='' (unset for the server): this test is about the process, on the embedded database.
    env: { ...process.env, DATABASE_URL: '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (d) => (out += String(d)))
  child.stderr!.on('data', (d) => (err += String(d)))
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
  return { child, out: () => out, err: () => err, exited }
}

async function started(server: Running): Promise<string> {
  const deadline = Date.now() + 80_000
  while (Date.now() < deadline) {
    const url = /on this computer:\s+(http:\/\/\S+)/.exec(server.out())?.[1]
    if (url) return url
    if (server.child.exitCode !== null) break
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`the server did not start:\n${server.out()}\n${server.err()}`)
}

// Each start is a new process (tsx, then PGlite opening its data directory): slower than the in-process tests.
describe('the server process', { timeout: 90_000 }, () => {
  let dir: string
  const running: Running[] = []
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'complaint-desk-main-'))
    mkdirSync(join(dir, 'dist', 'assets'), { recursive: true })
    writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><title>投诉台</title>')
    writeFileSync(join(dir, 'dist', 'assets', 'index-abc123.js'), 'console.log(1)')
  })
  afterAll(async () => {
    for (const r of running) if (r.child.exitCode === null) r.child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  })

  const env = () => ({
    DATA_DIR: join(dir, 'data'),
    DIST_DIR: join(dir, 'dist'),
    ADMIN_PASSWORD: 'first-admin-password',
  })

  it('starts, says where it listens and which database it uses, serves the app and its API, and stops on SIGTERM', async () => {
    const server = serve(env())
    running.push(server)
    const base = await started(server)
    expect(server.out()).toMatch(/database:\s+embedded PostgreSQL \(PGlite\) in .*data \(migrations 1, 2/)
    const health = await fetch(`${base}/api/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ status: 'ok', database: { kind: 'pglite', ok: true } })
    const page = await fetch(`${base}/complaints/123`)
    expect(page.status).toBe(200)
    expect(page.headers.get('cache-control')).toBe('no-cache')
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect((await fetch(`${base}/assets/index-abc123.js`)).headers.get('cache-control')).toBe(
      'public, max-age=31536000, immutable',
    )
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
  })

  it('starts again on the same data without migrating anything', async () => {
    const server = serve(env())
    running.push(server)
    const base = await started(server)
    expect(server.out()).not.toContain('migrations')
    expect(server.out()).not.toContain('one-time password')
    expect((await fetch(`${base}/api/health`)).status).toBe(200)
    server.child.kill('SIGINT')
    expect(await server.exited).toBe(0)
  })

  it('a demo bank seeded before the first start keeps its administrator; seeding or a second server while it runs is refused, harmlessly', async () => {
    const fresh = { ...env(), DATA_DIR: join(dir, 'seeded-first') }
    const seed = (extra: Record<string, string> = {}) =>
      new Promise<{ code: number | null; out: string; err: string }>((done) => {
        const child = spawn(TSX, ['scripts/seed-demo.ts'], {
          cwd: ROOT,
          env: { ...process.env, DATABASE_URL: '', ...fresh, ...extra },
          stdio: ['ignore', 'pipe', 'pipe'],
        })
        let out = ''
        let err = ''
        child.stdout.on('data', (d) => (out += String(d)))
        child.stderr.on('data', (d) => (err += String(d)))
        child.on('exit', (code) => done({ code, out, err }))
      })
    const first = await seed()
    expect(first.code).toBe(0)
    expect(first.out).toContain('Demo bank created')
    const server = serve(fresh)
    running.push(server)
    const base = await started(server)
    const signIn = (username: string, password: string) =>
      fetch(`${base}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      })
    expect((await signIn('admin', 'first-admin-password')).status).toBe(200)
    expect((await signIn('li', 'demo-password')).status).toBe(200)
    const again = await seed()
    expect(again.code).toBe(1)
    expect(again.err).toMatch(/server is running on .*seeded-first \(process \d+\)/)
    expect(again.err).not.toMatch(/\n\s+at /)
    const second = serve({ ...fresh, PORT: '0' })
    running.push(second)
    expect(await second.exited).toBe(1)
    expect(second.err()).toContain('is in use by process')
    // Nothing was lost by either attempt.
    expect((await signIn('li', 'demo-password')).status).toBe(200)
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
  })

  it('refuses a bad setting with one clear message and no stack trace', async () => {
    const server = serve({ ...env(), PORT: 'eighty' })
    running.push(server)
    expect(await server.exited).toBe(1)
    expect(server.err()).toContain('PORT must be a number')
    expect(server.err()).not.toMatch(/\n\s+at /)
  })
})
