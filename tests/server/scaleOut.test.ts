import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createSchema, TEST_DATABASE_URL } from './backends'
import { runScaleOut } from './scaleOut/harness'

/**
 * Two server processes on one real PostgreSQL: the centre keeps no state beside it. Small here (the full run is
 * `npm run bench:scale-out`: 200 tablets over 100 branches for 60 s). Needs TEST_DATABASE_URL (CI sets it).
 */
describe.runIf(TEST_DATABASE_URL)('two server processes on one PostgreSQL', () => {
  it(
    'store every event once and let every tablet’s cursor walk its whole branch, whichever process answers',
    { timeout: 180_000 },
    async () => {
      const r = await runScaleOut({
        url: TEST_DATABASE_URL!,
        processes: 2,
        branches: 6,
        tabletsPerBranch: 2,
        seconds: 8,
        batch: 5,
        compiled: false,
      })
      expect(r.errors).toEqual([])
      expect(r.pushes).toBeGreaterThan(12)
      expect(r.eventsPushed).toBe(r.stored)
      expect([r.lost, r.duplicated, r.skipped]).toEqual([0, 0, 0])
    },
  )
})

describe.runIf(TEST_DATABASE_URL)('WORKERS=2', () => {
  it(
    'prepares the database once, serves from two processes on one port, and stops cleanly',
    { timeout: 120_000 },
    async () => {
      const { schema, drop } = await createSchema(TEST_DATABASE_URL!)
      const url = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
        cwd: resolve(import.meta.dirname, '../..'),
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          DATABASE_URL: url,
          WORKERS: '2',
          PORT: '0',
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
          ADMIN_PASSWORD: 'workers-admin-pw',
        },
      })
      let out = ''
      child.stdout.on('data', (d) => (out += String(d)))
      child.stderr.on('data', (d) => (out += String(d)))
      const exited = new Promise<number | null>((done) => child.on('exit', done))
      try {
        await expect
          .poll(() => /on this computer:\s+(http:\/\/\S+)/.exec(out)?.[1], { timeout: 90_000, interval: 200 })
          .toBeTruthy()
        const base = /on this computer:\s+(http:\/\/\S+)/.exec(out)![1]!
        expect(out).toMatch(/processes:\s+2/)
        // Migrated once, by the first process, before either served.
        expect(out.match(/migrations \d/g)).toHaveLength(1)
        const answers = await Promise.all(
          Array.from({ length: 20 }, () => fetch(`${base}/api/health`).then((r) => r.status)),
        )
        expect(answers.every((s) => s === 200)).toBe(true)
        child.kill('SIGTERM')
        expect(await exited).toBe(0)
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL')
        await drop()
      }
    },
  )
})
