import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_POLICY, PROTOCOL_VERSION } from '@/domain'
import { buildApp, LOG_REDACT } from '../../src/server/app'
import type { Database } from '../../src/server/db/Database'
import { BACKENDS } from './backends'
import { PASSWORD, seedBank } from './fixtures'

describe.each(BACKENDS)('authentication and authorisation on $name', (backend) => {
  let db: Database
  let app: Awaited<ReturnType<typeof buildApp>>
  let bank: Awaited<ReturnType<typeof seedBank>>
  let logLines: string[]

  beforeAll(async () => {
    db = await backend.open()
    bank = await seedBank(db)
    logLines = []
    const stream = new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk))
        done()
      },
    })
    app = await buildApp({
      db,
      distDir: '/nonexistent',
      signInPerMinute: 5,
      logger: { level: 'info', stream, redact: { paths: LOG_REDACT, censor: '[redacted]' } },
    })
  })
  afterAll(async () => {
    await app.close()
    await db.close()
  })

  // Each sign-in from its own address, so the rate limit (tested below) does not interfere.
  let address = 0
  const signIn = async (username: string) =>
    (
      await app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        remoteAddress: `10.0.0.${++address}`,
        payload: { username, password: PASSWORD },
      })
    ).json().token as string

  it('every /api route except health, sign-in and enrolment with a code refuses a request without credentials', async () => {
    const table = (app as unknown as { routeTable: { method: string; url: string; access?: string }[] }).routeTable
    const api = table.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD')
    expect(api.length).toBeGreaterThan(8)
    for (const r of api) {
      expect(r.access, `${r.method} ${r.url} declares its access`).toBeDefined()
      if (r.access === 'public') continue
      const res = await app.inject({
        method: r.method as 'GET',
        url: r.url.replace(':id', 'x').replace(':key', 'policy'),
        payload: r.method === 'GET' ? undefined : {},
      })
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401)
    }
    expect(
      api
        .filter((r) => r.access === 'public')
        .map((r) => r.url)
        .sort(),
    ).toEqual(['/api/auth/sign-in', '/api/devices/enrol-with-code', '/api/health'])
  })

  it('signs staff in with the right password only, and stores no token or password in clear', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: 'li', password: 'nope' },
    })
    expect(bad.statusCode).toBe(401)
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: 'ghost', password: 'nope' },
    })
    expect(unknown.json()).toEqual(bad.json())
    const token = await signIn('li')
    expect(token).toMatch(/^[\w-]{40,}$/)
    const stored = await db.query<{ token_hash: string }>('select token_hash from sessions')
    expect(stored.rows.map((r) => r.token_hash)).not.toContain(token)
    const hashes = await db.query<{ password_hash: string }>('select password_hash from staff')
    expect(hashes.rows.every((r) => r.password_hash.startsWith('scrypt$') && !r.password_hash.includes(PASSWORD))).toBe(
      true,
    )
  })

  it('enforces roles: a manager cannot revoke tablets or change settings; an administrator can', async () => {
    const li = await signIn('li')
    expect((await app.inject({ method: 'GET', url: '/api/devices', headers: bank.auth(li) })).statusCode).toBe(403)
    expect(
      (await app.inject({ method: 'PUT', url: '/api/settings/policy', headers: bank.auth(li), payload: {} }))
        .statusCode,
    ).toBe(403)
    const root = await signIn('root')
    const list = await app.inject({ method: 'GET', url: '/api/devices', headers: bank.auth(root) })
    expect(list.statusCode).toBe(200)
    expect(
      list
        .json()
        .devices.map((d: { id: string }) => d.id)
        .sort(),
    ).toEqual(['tab-b1', 'tab-b2'])
    // A tablet token is not a staff session.
    expect(
      (await app.inject({ method: 'GET', url: '/api/devices', headers: bank.auth(bank.tokens.b1) })).statusCode,
    ).toBe(403)
  })

  it('enrols a tablet for the staff member’s own branch only', async () => {
    const li = await signIn('li')
    const res = await app.inject({
      method: 'POST',
      url: '/api/devices/enrol',
      headers: bank.auth(li),
      payload: { deviceId: 'tab-new', name: '大堂 2' },
    })
    expect(res.statusCode).toBe(200)
    expect(res.json().device).toMatchObject({ branchId: 'b1', branchName: '人民路支行' })
    const other = await app.inject({
      method: 'POST',
      url: '/api/devices/enrol',
      headers: bank.auth(li),
      payload: { deviceId: 'tab-x', name: 'x', branchId: 'b2' },
    })
    expect(other.statusCode).toBe(403)
    // The new tablet pulls its branch: the branch's staff and those who cover it may unlock it.
    const pull = await app.inject({
      method: 'GET',
      url: `/api/sync/pull?protocol=${PROTOCOL_VERSION}&after=0`,
      headers: bank.auth(res.json().deviceToken),
    })
    expect(pull.statusCode).toBe(200)
    expect(pull.json().staffIds).toEqual(expect.arrayContaining(['li', 'qian', 'zhao']))
  })

  it('enrols a supervisor’s tablet in their own branch unless they name another they cover; an administrator names one', async () => {
    const zhao = await signIn('zhao')
    const enrol = (token: string, deviceId: string, branchId?: string) =>
      app.inject({
        method: 'POST',
        url: '/api/devices/enrol',
        headers: bank.auth(token),
        payload: { deviceId, name: '主管平板', branchId },
      })
    expect((await enrol(zhao, 'tab-zhao')).json().device).toMatchObject({ branchId: 'b1' })
    expect((await enrol(zhao, 'tab-zhao-2', 'b2')).json().device).toMatchObject({ branchId: 'b2' })
    const root = await signIn('root')
    const noBranch = await enrol(root, 'tab-root')
    expect([noBranch.statusCode, noBranch.json().error]).toEqual([400, 'branch_required'])
  })

  it('a revoked tablet syncs nothing more and is told why', async () => {
    const root = await signIn('root')
    const li = await signIn('li')
    const enrolled = (
      await app.inject({
        method: 'POST',
        url: '/api/devices/enrol',
        headers: bank.auth(li),
        payload: { deviceId: 'tab-lost', name: '丢失的平板' },
      })
    ).json()
    expect(
      (await app.inject({ url: '/api/sync/pull?protocol=1', headers: bank.auth(enrolled.deviceToken) })).statusCode,
    ).toBe(200)
    expect(
      (await app.inject({ method: 'POST', url: '/api/devices/tab-lost/revoke', headers: bank.auth(root) })).statusCode,
    ).toBe(200)
    const after = await app.inject({ url: '/api/sync/pull?protocol=1', headers: bank.auth(enrolled.deviceToken) })
    expect(after.statusCode).toBe(401)
    expect(after.json()).toMatchObject({ error: 'device_revoked' })
  })

  it('rate-limits sign-in attempts', async () => {
    const codes: number[] = []
    for (let i = 0; i < 8; i++)
      codes.push(
        (
          await app.inject({
            method: 'POST',
            url: '/api/auth/sign-in',
            remoteAddress: '10.9.9.9',
            payload: { username: 'li', password: 'guess' + i },
          })
        ).statusCode,
      )
    expect(codes.slice(0, 5).every((c) => c === 401)).toBe(true)
    expect(codes.slice(5)).toEqual([429, 429, 429])
  })

  it('refuses an invalid settings value with a message and keeps the old one', async () => {
    const root = await signIn('root')
    const bad = await app.inject({
      method: 'PUT',
      url: '/api/settings/policy',
      headers: bank.auth(root),
      payload: { replyWorkingDays: -1 },
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toContain('replyWorkingDays')
    // The script's idle lock is set with the policy, within 5–60 minutes.
    const policy = { ...DEFAULT_POLICY }
    const tooLong = await app.inject({
      method: 'PUT',
      url: '/api/settings/policy',
      headers: bank.auth(root),
      payload: { ...policy, scriptIdleLockMinutes: 61 },
    })
    expect(tooLong.statusCode).toBe(400)
    expect(tooLong.json().message).toContain('scriptIdleLockMinutes')
    const set = await app.inject({
      method: 'PUT',
      url: '/api/settings/policy',
      headers: bank.auth(root),
      payload: { ...policy, scriptIdleLockMinutes: 20 },
    })
    expect(set.statusCode).toBe(200)
    await app.inject({ method: 'PUT', url: '/api/settings/policy', headers: bank.auth(root), payload: policy })
    const good = await app.inject({
      method: 'PUT',
      url: '/api/settings/calendar',
      headers: bank.auth(root),
      payload: { entries: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }], publishedYears: [2027] },
    })
    expect(good.statusCode).toBe(200)
    expect(good.json().calendar.publishedYears).toEqual([2027])
  })

  it('never writes a password, a token or a customer’s name or phone to the log', async () => {
    const customer = { name: '欧阳娜娜', phone: '13987654321', consentSms: false, consentPhone: false }
    const event = {
      id: '0199aaaa-0000-7000-8000-000000000001',
      complaintId: '0199aaaa-0000-7000-8000-000000000002',
      branchId: 'b1',
      v: 1,
      hlc: '1772416800000:00000:tab-b1',
      actor: { staffId: 'li', staffName: '李经理', deviceId: 'tab-b1' },
      type: 'complaint.recorded',
      payload: {
        customer,
        channel: 'inPerson',
        kind: 'complaint',
        description: '测试',
        customerPresent: true,
        receivedAt: '2026-03-02T09:00:00+08:00',
      },
    }
    const pushed = await app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: bank.auth(bank.tokens.b1),
      payload: { protocol: 1, events: [event, { ...event, id: 'bad', payload: { customer } }] },
    })
    expect(pushed.statusCode).toBe(200)
    await app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: bank.auth(bank.tokens.b1),
      payload: `{"protocol":1,"events":[{"customer":{"name":"欧阳娜娜","phone":"13987654321"}`,
    })
    const log = logLines.join('')
    expect(log).not.toContain('欧阳娜娜')
    expect(log).not.toContain('13987654321')
    expect(log.length).toBeGreaterThan(0)
    expect(log).not.toContain(PASSWORD)
    expect(log).not.toContain(bank.tokens.b1)
  })
})
