import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/server/app'
import type { Database } from '../../src/server/db/Database'
import { previewDeadlines } from '../../src/server/settings/previewDeadlines'
import { ingestEvents } from '../../src/server/sync/ingestEvents'
import { eventFactory, RECORDED } from '../support/eventFactory'
import { BACKENDS } from './backends'
import { adminBranchesRoute, adminDevicesRoute, auditRoute, settingsHistoryRoute } from '@/domain/api/adminApi'
import { expectContract } from './contract'
import { PASSWORD, seedBank } from './fixtures'

/** The administrator's console at the centre: staff, branches, tablets, settings and the audit trail. */
describe.each(BACKENDS)('administration on $name', (backend) => {
  let db: Database
  let app: Awaited<ReturnType<typeof buildApp>>
  let bank: Awaited<ReturnType<typeof seedBank>>
  let root: string
  let address = 0

  beforeAll(async () => {
    db = await backend.open()
    bank = await seedBank(db)
    app = await buildApp({ db, distDir: '/nonexistent', signInPerMinute: 1000 })
    root = await tokenOf('root')
  })
  afterAll(async () => {
    await app.close()
    await db.close()
  })

  async function tokenOf(username: string, password = PASSWORD): Promise<string> {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      remoteAddress: `10.3.0.${++address % 250}`,
      payload: { username, password },
    })
    expect(res.statusCode, res.body).toBe(200)
    return res.json().token as string
  }
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown, token = root) =>
    app.inject({
      method,
      url,
      headers: bank.auth(token),
      ...(payload === undefined ? {} : { payload: payload as object }),
    })
  const auditOf = async (action: string) =>
    (
      await db.query<{ actor_id: string; target: string; before: unknown; after: unknown }>(
        'select actor_id, target, before, after from audit_log where action = $1 order by id',
        [action],
      )
    ).rows

  it('adds a branch with a unique short code, renames it, and logs both', async () => {
    const made = await call('POST', '/api/branches', { name: '解放路支行', code: 'jf' })
    expect(made.statusCode, made.body).toBe(200)
    const branch = made.json().branch as { id: string; code: string }
    expect(branch.code).toBe('JF')
    const clash = await call('POST', '/api/branches', { name: '另一个', code: 'JF' })
    expect([clash.statusCode, clash.json().error]).toEqual([409, 'code_taken'])
    const bad = await call('POST', '/api/branches', { name: '坏代码', code: 'J F!' })
    expect([bad.statusCode, bad.json().issues]).toEqual([400, [{ path: ['code'], code: 'branchCode' }]])
    expect(
      (await call('PATCH', `/api/branches/${branch.id}`, { name: '解放路支行（新址）', code: 'JFL' })).statusCode,
    ).toBe(200)
    const list = expectContract(adminBranchesRoute, (await call('GET', '/api/branches')).json()).branches
    expect(list.find((b) => b.id === branch.id)).toMatchObject({
      name: '解放路支行（新址）',
      code: 'JFL',
      tablets: 0,
      complaints: { open: 0 },
    })
    expect(list.find((b) => b.id === 'b1')).toMatchObject({ code: null, tablets: 1 })
    expect(await auditOf('branch.update')).toEqual([
      {
        actor_id: 'root',
        target: branch.id,
        before: { name: '解放路支行', code: 'JF' },
        after: { name: '解放路支行（新址）', code: 'JFL' },
      },
    ])
    // Only an administrator.
    expect((await call('POST', '/api/branches', { name: 'x', code: 'XX' }, await tokenOf('zhao'))).statusCode).toBe(403)
  })

  it('adds a staff member with a one-time password that must be changed, and refuses what cannot be', async () => {
    const add = (body: object) => call('POST', '/api/staff', body)
    const res = await add({ username: 'Chen.Jing', name: '陈静', role: 'manager', branchId: 'b2' })
    expect(res.statusCode, res.body).toBe(200)
    const { staff, oneTimePassword } = res.json() as {
      staff: { id: string; username: string }
      oneTimePassword: string
    }
    expect(staff).toMatchObject({
      id: 'chen.jing',
      username: 'chen.jing',
      role: 'manager',
      branchId: 'b2',
      mustChangePassword: true,
      disabled: false,
    })
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: 'chen.jing', password: oneTimePassword },
    })
    expect(signIn.json().mustChangePassword).toBe(true)
    expect(await auditOf('staff.create')).toEqual([
      {
        actor_id: 'root',
        target: 'chen.jing',
        before: null,
        after: {
          username: 'chen.jing',
          name: '陈静',
          role: 'manager',
          branchId: 'b2',
          coveredBranchIds: [],
          approvalLevel: 'none',
        },
      },
    ])
    expect(JSON.stringify(await auditOf('staff.create'))).not.toContain(oneTimePassword)

    const refused = async (body: object) => {
      const r = await add(body)
      return [r.statusCode, r.json().error, r.json().issues?.[0]?.code ?? null]
    }
    expect(await refused({ username: 'chen.jing', name: '重名', role: 'manager', branchId: 'b1' })).toEqual([
      409,
      'username_taken',
      null,
    ])
    expect(await refused({ username: 'zhou', name: '周', role: 'manager', branchId: null })).toEqual([
      400,
      'invalid',
      'branchRequired',
    ])
    expect(
      await refused({ username: 'zhou', name: '周', role: 'manager', branchId: 'b1', coveredBranchIds: ['b2'] }),
    ).toEqual([400, 'invalid', 'onlySupervisorsCover'])
    expect(await refused({ username: 'zhou', name: '周', role: 'admin', branchId: 'b1' })).toEqual([
      400,
      'invalid',
      'adminHasNoBranch',
    ])
    expect(await refused({ username: 'zhou', name: '周', role: 'manager', branchId: 'nowhere' })).toEqual([
      400,
      'no_branch',
      null,
    ])
    expect(await refused({ username: 'a b', name: '周', role: 'manager', branchId: 'b1' })).toEqual([
      400,
      'invalid',
      'username',
    ])
    expect(await refused({ username: 'zhou', name: 'x\u0000', role: 'manager', branchId: 'b1' })).toEqual([
      400,
      'invalid',
      'invalidCharacters',
    ])
  })

  it('changes a role and the branches a supervisor covers, logged before and after; the last administrator stays one', async () => {
    const res = await call('PATCH', '/api/staff/li', {
      name: '李经理',
      role: 'supervisor',
      branchId: 'b1',
      coveredBranchIds: ['b2'],
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().staff).toMatchObject({ role: 'supervisor', coveredBranchIds: ['b2'] })
    expect((await auditOf('staff.update')).at(-1)).toEqual({
      actor_id: 'root',
      target: 'li',
      before: { name: '李经理', role: 'manager', branchId: 'b1', coveredBranchIds: [], approvalLevel: 'none' },
      after: { name: '李经理', role: 'supervisor', branchId: 'b1', coveredBranchIds: ['b2'], approvalLevel: 'none' },
    })
    // The role is read with every request: li may now issue enrolment codes for b2.
    const li = await tokenOf('li')
    expect((await call('POST', '/api/branches/b2/enrolment-codes', {}, li)).statusCode).toBe(200)
    await call('PATCH', '/api/staff/li', { name: '李经理', role: 'manager', branchId: 'b1', coveredBranchIds: [] })
    const demote = await call('PATCH', '/api/staff/root', {
      name: '管理员',
      role: 'supervisor',
      branchId: 'b1',
      coveredBranchIds: [],
    })
    expect([demote.statusCode, demote.json().error]).toEqual([409, 'last_admin'])
    expect((await call('PATCH', '/api/staff/nobody', { name: 'x', role: 'manager', branchId: 'b1' })).statusCode).toBe(
      404,
    )
  })

  it('enrols a tablet for a branch with a one-time code from an administrator or a supervisor covering it', async () => {
    const zhao = await tokenOf('zhao')
    const li = await tokenOf('li')
    expect((await call('POST', '/api/branches/b2/enrolment-codes', {}, li)).statusCode).toBe(403)
    const other = await call('POST', '/api/branches', { name: '城东支行', code: 'CD' })
    const notCovered = await call('POST', `/api/branches/${other.json().branch.id}/enrolment-codes`, {}, zhao)
    expect([notCovered.statusCode, notCovered.json().error]).toEqual([403, 'other_branch'])
    const issued = await call('POST', '/api/branches/b2/enrolment-codes', {}, zhao)
    expect(issued.statusCode).toBe(200)
    const { code } = issued.json() as { code: string }
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/)
    expect(JSON.stringify((await db.query('select * from enrolment_codes')).rows)).not.toContain(code)

    const enrol = (c: string, deviceId: string) =>
      app.inject({
        method: 'POST',
        url: '/api/devices/enrol-with-code',
        payload: { code: c, deviceId, name: '大堂 2 号' },
      })
    const wrong = await enrol('AAAA-BBBB-CCCC', 'tab-code')
    expect([wrong.statusCode, wrong.json().error]).toEqual([401, 'bad_code'])
    const ok = await enrol(code.toLowerCase(), 'tab-code')
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json().device).toMatchObject({ id: 'tab-code', branchId: 'b2', branchName: '中山路支行' })
    expect(
      (await app.inject({ url: '/api/sync/pull?protocol=1', headers: bank.auth(ok.json().deviceToken) })).statusCode,
    ).toBe(200)
    // Used once.
    expect((await enrol(code, 'tab-code-2')).json().error).toBe('bad_code')
    // An expired code is refused.
    const late = (await call('POST', '/api/branches/b1/enrolment-codes')).json().code as string
    await db.query(`update enrolment_codes set expires_at = now() - interval '1 second' where used_at is null`)
    expect((await enrol(late, 'tab-late')).json().error).toBe('bad_code')
    const enrolled = await auditOf('device.enrol')
    expect(enrolled).toEqual([
      {
        actor_id: 'zhao',
        target: 'tab-code',
        before: null,
        after: { branchId: 'b2', name: '大堂 2 号', withCode: true },
      },
    ])
    const devices = expectContract(adminDevicesRoute, (await call('GET', '/api/devices')).json()).devices
    expect(devices.find((d) => d.id === 'tab-code')?.enrolledByName).toBe('赵主管')
  })

  it('lists what each tablet last reported, and revokes with a wipe only a tablet that said it can erase its data', async () => {
    const pull = (query: string, token = bank.tokens.b1) =>
      app.inject({ url: `/api/sync/pull?protocol=1${query}`, headers: bank.auth(token) })
    expect((await pull('&pending=7&app=0.2.0%2B202612021530&wipe=1')).statusCode).toBe(200)
    expect((await pull('&pending=abc')).statusCode).toBe(400)
    expect((await pull('&app=%3Cscript%3E')).statusCode).toBe(400)
    const tablets = (await call('GET', '/api/devices')).json().devices as {
      id: string
      pendingEvents: number
      appVersion: string
      canWipe: boolean
      reportedAt: string
    }[]
    expect(tablets.find((d) => d.id === 'tab-b1')).toMatchObject({
      pendingEvents: 7,
      appVersion: '0.2.0+202612021530',
      canWipe: true,
    })
    expect(tablets.find((d) => d.id === 'tab-b1')?.reportedAt).toBeTruthy()

    const refused = await call('POST', '/api/devices/tab-b2/revoke', { wipe: true })
    expect([refused.statusCode, refused.json().error]).toEqual([409, 'wipe_unsupported'])
    expect((await call('POST', '/api/devices/tab-b1/revoke', { wipe: true })).statusCode).toBe(200)
    const after = await pull('')
    expect([after.statusCode, after.json().error]).toEqual([401, 'device_wipe'])
    expect((await auditOf('device.revoke')).at(-1)).toMatchObject({
      target: 'tab-b1',
      after: { revoked: true, wipe: true },
    })
  })

  it('tells a branch’s tablets who may unlock them: a disabled colleague drops out at the next pull', async () => {
    const staffIds = async () =>
      (await app.inject({ url: '/api/sync/pull?protocol=1', headers: bank.auth(bank.tokens.b2) })).json()
        .staffIds as string[]
    expect(await staffIds()).toEqual(['chen.jing', 'qian', 'root', 'wang', 'zhao'])
    expect((await call('POST', '/api/staff/chen.jing/disable')).statusCode).toBe(200)
    expect(await staffIds()).toEqual(['qian', 'root', 'wang', 'zhao'])
    expect((await call('POST', '/api/staff/chen.jing/enable')).statusCode).toBe(200)
    expect(await staffIds()).toContain('chen.jing')
  })

  it('takes the bank’s SMS wording, refusing a placeholder the tablet cannot fill; every version is kept', async () => {
    const bad = await call('PUT', '/api/settings/sms', {
      'zh-CN': [{ id: 'progress', text: '{name}您好，{amount}元已退回' }],
      en: [],
    })
    expect([bad.statusCode, bad.json().issues[0].code]).toEqual([400, 'unknownPlaceholder'])
    const first = await call('PUT', '/api/settings/sms', {
      'zh-CN': [{ id: 'progress', text: '{name}您好：{result}。' }],
      en: [],
    })
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json().sms).toEqual({ 'zh-CN': [{ id: 'progress', text: '{name}您好：{result}。' }], en: [] })
    await call('PUT', '/api/settings/sms', { 'zh-CN': [{ id: 'progress', text: '{name}您好，结果：{result}。' }] })
    const history = expectContract(settingsHistoryRoute, (await call('GET', '/api/settings/sms/history')).json())
      .versions as { actorName: string | null; before: unknown; after: { 'zh-CN': { text: string }[] } }[]
    expect(history.map((v) => v.after['zh-CN'][0]!.text)).toEqual([
      '{name}您好，结果：{result}。',
      '{name}您好：{result}。',
    ])
    expect(history[1]).toMatchObject({ actorName: '管理员', before: null })
    // Tablets receive it with their pull.
    const pulled = (await app.inject({ url: '/api/sync/pull?protocol=1', headers: bank.auth(bank.tokens.b2) })).json()
      .settings
    expect(pulled.sms['zh-CN'][0].text).toBe('{name}您好，结果：{result}。')
  })

  it('previews how open complaints’ deadlines move under next year’s calendar, and saving it moves them at the centre', async () => {
    const now = new Date('2026-12-28T12:00:00+08:00')
    const f = eventFactory({
      branchId: 'b2',
      actor: { staffId: 'wang', staffName: '王经理', deviceId: 'tab-b2' },
      start: now.getTime() - 3600_000,
    })
    await ingestEvents(
      db,
      { deviceId: 'tab-b2', branchId: 'b2' },
      [
        f.make({ type: 'complaint.recorded', payload: { ...RECORDED, receivedAt: '2026-12-28T10:00:00+08:00' } }),
      ] as never,
      now,
    )
    // The notice adds Monday 4 January to the law's New Year's Day (which an unpublished 2027 already keeps).
    const calendar = {
      entries: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-01-04', kind: 'holiday', name: '元旦' },
      ],
      publishedYears: [2027],
    }

    const preview = await previewDeadlines(db, { calendar }, now)
    const mine = preview.complaints.find((c) => c.complaintId === f.complaintId)!
    expect(mine.branchName).toBe('中山路支行')
    // 15 working days from 28 December: 19 January with the law's 1 January alone, 20 January once 4 January is off too.
    expect(mine.moves).toContainEqual({
      clock: 'reply',
      before: '2027-01-19',
      after: '2027-01-20',
      provisionalBefore: true,
      provisionalAfter: false,
    })
    // The regulatory 15 days end on 12 January either way, but no longer provisionally.
    expect(mine.moves).toContainEqual({
      clock: 'regulatory',
      before: '2027-01-12',
      after: '2027-01-12',
      provisionalBefore: true,
      provisionalAfter: false,
    })
    expect(preview.moved).toBeGreaterThanOrEqual(1)
    // Nothing is saved by a preview.
    expect((await app.inject({ url: '/api/settings', headers: bank.auth(root) })).json().calendar).toBeUndefined()
    const viaRoute = await call('POST', '/api/settings/preview', { calendar })
    expect(viaRoute.statusCode).toBe(200)
    expect(viaRoute.json().open).toBeGreaterThanOrEqual(1)
    expect(
      (
        await call('POST', '/api/settings/preview', {
          calendar: { entries: [{ date: '2027-02-30', kind: 'holiday', name: 'x' }], publishedYears: [] },
        })
      ).statusCode,
    ).toBe(400)

    const replyDue = async () =>
      (
        await db.query<{ reply_due: Date }>('select reply_due from complaints where id = $1', [f.complaintId])
      ).rows[0]!.reply_due.toISOString()
    expect(await replyDue()).toBe(new Date('2027-01-19T23:59:59.999+08:00').toISOString())
    expect((await call('PUT', '/api/settings/calendar', calendar)).statusCode).toBe(200)
    // Refolded at the centre in the background, branch by branch.
    await expect.poll(replyDue, { timeout: 20_000 }).toBe(new Date('2027-01-20T23:59:59.999+08:00').toISOString())
  })

  it('keeps an append-only audit trail, filtered, paged and exported as CSV for administrators only', async () => {
    const all = expectContract(auditRoute, (await call('GET', '/api/audit')).json())
    expect(all.entries.length).toBeGreaterThan(5)
    expect(all.entries[0]).toMatchObject({ action: 'settings.calendar', actorName: '管理员' })
    expect(all.entries.every((e) => e.address)).toBe(true)
    const staffOnly = (await call('GET', '/api/audit?action=staff')).json().entries as {
      action: string
      targetName: string
    }[]
    expect(new Set(staffOnly.map((e) => e.action))).toEqual(
      new Set(['staff.create', 'staff.update', 'staff.disable', 'staff.enable']),
    )
    expect(staffOnly.find((e) => e.action === 'staff.create')?.targetName).toBe('陈静')
    const page = (await call('GET', '/api/audit?action=staff&before=999999999')).json().entries
    expect(page).toHaveLength(staffOnly.length)
    expect((await call('GET', '/api/audit?from=2026-12-31&to=2026-01-01')).statusCode).toBe(400)
    expect((await call('GET', '/api/audit?action=drop%20table')).statusCode).toBe(400)

    const csv = await call('GET', '/api/audit.csv?action=staff.create')
    expect(csv.headers['content-type']).toContain('text/csv')
    const lines = csv.body.trim().split('\r\n')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toContain('"staff.create"')
    expect(lines[1]).toContain('陈静')
    expect((await call('GET', '/api/audit', undefined, await tokenOf('zhao'))).statusCode).toBe(403)

    await expect(db.query(`update audit_log set action = 'x'`)).rejects.toThrow(/append-only/)
    await expect(db.query('delete from audit_log')).rejects.toThrow(/append-only/)
  })
})
