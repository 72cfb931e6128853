import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { join, resolve } from 'node:path'
import pg from 'pg'
import { encodeHlc, EVENT_SCHEMA_VERSION, newId } from '../../../src/domain'
import type { ComplaintEvent, PushResponse } from '../../../src/domain'
import { hashPassword } from '../../../src/server/auth/passwords'
import { hashToken } from '../../../src/server/auth/tokens'
import { migrate } from '../../../src/server/db/migrate'
import { openPostgres } from '../../../src/server/db/openPostgres'

const ROOT = resolve(import.meta.dirname, '../../..')

export interface ScaleOutOptions {
  url: string
  processes: number
  branches: number
  tabletsPerBranch: number
  seconds: number
  /** Events per push (one new complaint, the rest notes on it). */
  batch: number
  /** `node dist-server/main.js` (the compiled server) or the TypeScript source through tsx. */
  compiled: boolean
}

export interface ScaleOutResult {
  pushes: number
  pulls: number
  eventsPushed: number
  stored: number
  lost: number
  duplicated: number
  skipped: number
  pushMs: { p50: number; p99: number }
  pullMs: { p50: number; p99: number }
  errors: string[]
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : 0
}

function startServer(url: string, compiled: boolean): Promise<{ child: ChildProcess; base: string }> {
  const args = compiled ? [join(ROOT, 'dist-server/main.js')] : ['--import', 'tsx', join(ROOT, 'src/server/main.ts')]
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DIST_DIR: '/nonexistent',
      WORKERS: '1',
      ADMIN_PASSWORD: 'scale-out-admin-pw',
    },
  })
  let out = ''
  child.stdout!.on('data', (d) => (out += String(d)))
  child.stderr!.on('data', (d) => (out += String(d)))
  return new Promise((done, fail) => {
    const timer = setInterval(() => {
      const base = /on this computer:\s+(http:\/\/\S+)/.exec(out)?.[1]
      if (base) {
        clearInterval(timer)
        done({ child, base })
      } else if (child.exitCode !== null) {
        clearInterval(timer)
        fail(new Error(`server did not start:\n${out}`))
      }
    }, 100)
  })
}

/**
 * Several server processes on one PostgreSQL (as several machines behind a load balancer would be), many tablets
 * over many branches pushing and pulling at random through any of them for a while; then every tablet pulls to the
 * end and the books are checked: every pushed event stored once, and every tablet's cursor walk equal to its
 * branch's events, none skipped, none twice.
 */
export async function runScaleOut(o: ScaleOutOptions): Promise<ScaleOutResult> {
  const schema = `scale_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: o.url })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  const url = `${o.url}${o.url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`
  const servers: { child: ChildProcess; base: string }[] = []
  try {
    const db = await openPostgres(o.url, { searchPath: schema })
    await migrate(db)
    const hash = await hashPassword('scale-out-password')
    const tablets: { branch: string; device: string; token: string; staff: string }[] = []
    for (let b = 0; b < o.branches; b++) {
      const branch = `br${b}`
      await db.query('insert into branches (id, name) values ($1, $2)', [branch, `网点${b}`])
      await db.query(
        `insert into staff (id, username, name, role, branch_id, password_hash) values ($1, $1, $2, 'manager', $3, $4)`,
        [`m${b}`, `经理${b}`, branch, hash],
      )
      for (let t = 0; t < o.tabletsPerBranch; t++) {
        const device = `tab-${b}-${t}`
        const token = randomBytes(32).toString('base64url')
        await db.query(
          `insert into devices (id, branch_id, name, token_hash, enrolled_by) values ($1, $2, $1, $3, $4)`,
          [device, branch, hashToken(token), `m${b}`],
        )
        await db.query('insert into device_staff (device_id, staff_id) values ($1, $2)', [device, `m${b}`])
        tablets.push({ branch, device, token, staff: `m${b}` })
      }
    }
    await db.close()
    for (let i = 0; i < o.processes; i++) servers.push(await startServer(url, o.compiled))

    const pushMs: number[] = []
    const pullMs: number[] = []
    const errors: string[] = []
    const pushedIds = new Set<string>()
    const cursorWalk = new Map<string, string[]>()
    const any = () => servers[Math.floor(Math.random() * servers.length)]!.base
    const call = async (token: string, path: string, body?: unknown) => {
      const res = await fetch(`${any()}${path}`, {
        method: body ? 'POST' : 'GET',
        body: body ? JSON.stringify(body) : undefined,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      })
      if (!res.ok) throw new Error(`${path} ${res.status} ${await res.text()}`)
      return res.json()
    }
    const pull = async (tablet: (typeof tablets)[number], cursor: { after: number }, all: boolean) => {
      for (;;) {
        const t = performance.now()
        const page = (await call(tablet.token, `/api/sync/pull?protocol=1&after=${cursor.after}&limit=500`)) as {
          events: { id: string }[]
          cursor: number
          hasMore: boolean
        }
        pullMs.push(performance.now() - t)
        cursorWalk.get(tablet.device)!.push(...page.events.map((e) => e.id))
        cursor.after = page.cursor
        if (!page.hasMore || !all) return
      }
    }
    const until = Date.now() + o.seconds * 1000
    const cursors = new Map(tablets.map((t) => [t.device, { after: 0 }]))
    await Promise.all(
      tablets.map(async (tablet) => {
        cursorWalk.set(tablet.device, [])
        let wall = Date.now() - 60_000
        while (Date.now() < until) {
          try {
            const complaintId = newId()
            const base = () => ({
              id: newId(),
              complaintId,
              branchId: tablet.branch,
              v: EVENT_SCHEMA_VERSION,
              hlc: encodeHlc({ wall: wall++, counter: 0, node: tablet.device }),
              actor: { staffId: tablet.staff, staffName: `经理${tablet.branch.slice(2)}`, deviceId: tablet.device },
            })
            const events = [
              {
                ...base(),
                type: 'complaint.recorded',
                payload: {
                  customer: { name: '客户', consentSms: false, consentPhone: false },
                  channel: 'inPerson',
                  kind: 'complaint',
                  description: '排队太久',
                  customerPresent: true,
                  receivedAt: new Date(wall - 30_000).toISOString(),
                },
              },
              ...Array.from({ length: o.batch - 1 }, (_, i) => ({
                ...base(),
                type: 'note.added',
                payload: { text: `进展 ${i}` },
              })),
            ] as ComplaintEvent[]
            const t = performance.now()
            const res = (await call(tablet.token, '/api/sync/push', { protocol: 1, events })) as PushResponse
            pushMs.push(performance.now() - t)
            for (const r of res.results) {
              if (r.status === 'accepted') pushedIds.add(r.id)
              else errors.push(`${r.status} ${r.id}`)
            }
            await pull(tablet, cursors.get(tablet.device)!, false)
          } catch (e) {
            errors.push((e as Error).message.slice(0, 200))
          }
        }
      }),
    )
    // Everyone catches up to the end.
    await Promise.all(tablets.map((t) => pull(t, cursors.get(t.device)!, true)))

    const check = await openPostgres(o.url, { searchPath: schema })
    const { rows } = await check.query<{ event_id: string; branch_id: string }>(
      'select event_id, branch_id from events order by server_seq',
    )
    await check.close()
    const byBranch = new Map<string, string[]>()
    for (const r of rows) byBranch.set(r.branch_id, [...(byBranch.get(r.branch_id) ?? []), r.event_id])
    const storedIds = new Set(rows.map((r) => r.event_id))
    let skipped = 0
    for (const t of tablets) {
      const walk = cursorWalk.get(t.device)!
      const expected = byBranch.get(t.branch) ?? []
      // The walk must be exactly the branch's events in sequence order: anything missing was skipped by a cursor.
      if (walk.join() !== expected.join())
        skipped += Math.max(
          1,
          expected.filter((id) => !walk.includes(id)).length + Math.max(0, walk.length - new Set(walk).size),
        )
    }
    return {
      pushes: pushMs.length,
      pulls: pullMs.length,
      eventsPushed: pushedIds.size,
      stored: rows.length,
      lost: [...pushedIds].filter((id) => !storedIds.has(id)).length,
      duplicated: rows.length - storedIds.size,
      skipped,
      pushMs: { p50: quantile(pushMs, 0.5), p99: quantile(pushMs, 0.99) },
      pullMs: { p50: quantile(pullMs, 0.5), p99: quantile(pullMs, 0.99) },
      errors,
    }
  } finally {
    for (const s of servers) s.child.kill('SIGTERM')
    await Promise.all(
      servers.map((s) => new Promise((r) => (s.child.exitCode !== null ? r(null) : s.child.on('exit', r)))),
    )
    await admin.query(`drop schema ${schema} cascade`)
    await admin.end()
  }
}
