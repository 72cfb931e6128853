import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeHlc, newId } from '@/domain'
import type { ComplaintEvent, PullResponse, PushResponse } from '@/domain'
import { buildApp } from '../../src/server/app'
import type { Database } from '../../src/server/db/Database'
import { migrate } from '../../src/server/db/migrate'
import { MIGRATIONS } from '../../src/server/db/migrations'
import { RECORDED } from '../support/eventFactory'
import { BACKENDS } from './backends'
import { PASSWORD, seedBank } from './fixtures'

const LI = { staffId: 'li', staffName: '李经理', deviceId: 'tab-b1' }
const RECEIVED = '2026-11-20T09:00:00+08:00'
const hlc = encodeHlc({ wall: Date.parse('2026-11-20T09:05:00+08:00'), counter: 0, node: 'tab-b1' })
const recorded = (caseNumber?: string): ComplaintEvent =>
  ({
    id: newId(),
    complaintId: newId(),
    branchId: 'b1',
    v: 1,
    hlc,
    actor: LI,
    type: 'complaint.recorded',
    payload: { ...RECORDED, receivedAt: RECEIVED, ...(caseNumber ? { caseNumber } : {}) },
  }) as ComplaintEvent

describe.each(BACKENDS)('case numbers at the centre on $name', (backend) => {
  let db: Database
  let app: Awaited<ReturnType<typeof buildApp>>
  let bank: Awaited<ReturnType<typeof seedBank>>
  beforeAll(async () => {
    db = await backend.open()
    bank = await seedBank(db)
    app = await buildApp({ db, distDir: '/nonexistent' })
    await db.query(`update branches set code = 'RM' where id = 'b1'`)
    await db.query(`update devices set case_letter = 'A' where id = 'tab-b1'`)
  })
  afterAll(async () => {
    await app.close()
    await db.close()
  })

  const push = async (events: unknown[]) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: bank.auth(bank.tokens.b1),
      payload: { protocol: 1, events },
    })
    expect(res.statusCode, res.body).toBe(200)
    return (res.json() as PushResponse).results
  }

  it('tells a tablet its branch code and letter with each pull, and nothing while its branch has no code', async () => {
    const pull = async (token: string) =>
      (
        await app.inject({ method: 'GET', url: '/api/sync/pull?protocol=1', headers: bank.auth(token) })
      ).json() as PullResponse
    expect((await pull(bank.tokens.b1)).caseNumbering).toEqual({ branchCode: 'RM', letter: 'A' })
    expect((await pull(bank.tokens.b2)).caseNumbering).toBeNull()
  })

  it('stores a record with this tablet’s number, and an old record without one', async () => {
    const results = await push([recorded('RM-261120-A01'), recorded()])
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted'])
  })

  it('refuses a number given before, given twice in a batch, of another branch or another tablet, while storing the rest', async () => {
    const results = await push([
      recorded('RM-261120-A01'),
      recorded('RM-261120-A02'),
      recorded('RM-261120-A02'),
      recorded('ZS-261120-A03'),
      recorded('RM-261120-B01'),
      recorded('RM-261120-A03'),
    ])
    expect(results.map((r) => (r.status === 'rejected' ? `${r.reason}:${r.message}` : r.status))).toEqual([
      'caseNumber:caseNumberTaken',
      'accepted',
      'caseNumber:caseNumberTaken',
      'caseNumber:caseNumberBranch',
      'caseNumber:caseNumberTablet',
      'accepted',
    ])
    // A malformed number never reaches the rules: the shared schema refuses it.
    const [bad] = await push([recorded('RM-261120-A001')])
    expect(bad).toMatchObject({ status: 'rejected', reason: 'invalid' })
    expect(bad!.status === 'rejected' && bad!.message).toContain('invalidCaseNumber')
  })

  it('the CSV export names each complaint by its case number (投诉编号), or the end of its id for one recorded before', async () => {
    const li = (
      await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'li', password: PASSWORD } })
    ).json().token as string
    const res = await app.inject({
      url: '/api/reports/complaints.csv?from=2026-11-01&to=2026-11-30',
      headers: bank.auth(li),
    })
    expect(res.statusCode, res.body).toBe(200)
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
    expect(lines[0]).toMatch(/^"?投诉编号"?,/)
    const first = lines.slice(1).map((l) => l.split(',')[0]!.replace(/"/g, ''))
    expect(first).toContain('RM-261120-A01')
    expect(first.filter((n) => /^[0-9A-F]{8}$/.test(n)).length).toBeGreaterThan(0)
  })

  it('a unique index keeps a number to one complaint of the branch, whatever writes the events', async () => {
    const e = recorded('RM-261120-A01')
    await expect(
      db.query(
        `insert into events (event_id, complaint_id, branch_id, type, schema_version, hlc, device_id, staff_id, body) values ($1, $2, 'b1', 'complaint.recorded', 1, $3, 'tab-b1', 'li', $4)`,
        [e.id, e.complaintId, e.hlc, JSON.stringify(e)],
      ),
    ).rejects.toThrow()
  })

  it('gives each tablet enrolled in a branch its own letter, keeps it when enrolled again there, never I or O', async () => {
    const li = (
      await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'li', password: PASSWORD } })
    ).json().token as string
    const enrol = async (deviceId: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/devices/enrol',
        headers: bank.auth(li),
        payload: { deviceId, name: deviceId },
      })
      expect(res.statusCode, res.body).toBe(200)
      return (
        await db.query<{ case_letter: string | null }>('select case_letter from devices where id = $1', [deviceId])
      ).rows[0]!.case_letter
    }
    const letters = []
    for (let i = 0; i < 9; i++) letters.push(await enrol(`tab-letter-${i}`))
    expect(letters).toEqual(['B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K'])
    await db.query(`update devices set revoked_at = now() where id = 'tab-letter-0'`)
    expect(await enrol('tab-letter-0')).toBe('B')
  })
})

describe.each(BACKENDS)('the case-number migration on $name', (backend) => {
  it('gives tablets already enrolled letters in enrolment order, those in use first, per branch', async () => {
    const db = await backend.open({ migrate: false })
    try {
      await db.exec(
        `create table schema_migrations (id int primary key, name text not null, applied_at timestamptz not null default now())`,
      )
      for (const m of MIGRATIONS.filter((x) => x.id < 22)) {
        await db.exec(m.sql)
        await db.query('insert into schema_migrations (id, name) values ($1, $2)', [m.id, m.name])
      }
      await db.query(`insert into branches (id, name) values ('b1', '人民路'), ('b2', '中山路')`)
      await db.query(
        `insert into staff (id, username, name, role, branch_id, password_hash) values ('li', 'li', '李', 'manager', 'b1', 'x')`,
      )
      await db.query(`insert into devices (id, branch_id, name, token_hash, enrolled_by, enrolled_at, revoked_at) values
        ('old', 'b1', 'old', 'h1', 'li', '2026-01-01', '2026-02-01'), ('t1', 'b1', 't1', 'h2', 'li', '2026-03-01', null),
        ('t2', 'b1', 't2', 'h3', 'li', '2026-02-15', null), ('t3', 'b2', 't3', 'h4', 'li', '2026-04-01', null)`)
      await db.query(
        `insert into events (event_id, complaint_id, branch_id, type, schema_version, hlc, device_id, staff_id, body)
        values ($1, $2, 'b1', 'complaint.recorded', 1, 'x', 't1', 'li', $3)`,
        [newId(), newId(), JSON.stringify(recorded())],
      )
      expect(await migrate(db)).toEqual(MIGRATIONS.filter((x) => x.id >= 22).map((x) => x.id))
      const { rows } = await db.query<{ id: string; case_letter: string }>(
        'select id, case_letter from devices order by id',
      )
      expect(Object.fromEntries(rows.map((r) => [r.id, r.case_letter]))).toEqual({
        old: 'C',
        t1: 'B',
        t2: 'A',
        t3: 'A',
      })
      expect((await db.query('select 1 from events')).rows).toHaveLength(1)
    } finally {
      await db.close()
    }
  })
})
