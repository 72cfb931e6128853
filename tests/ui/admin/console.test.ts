import { flushPromises } from '@vue/test-utils'
import { closeDialog, closeToast } from 'vant'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { chinaDate } from '@/domain'
import AdminPage from '@/ui/admin/AdminPage.vue'
import type { AdminBranch, AdminDevice, AdminStaff } from '@/ui/admin/useAdminStore'
import { mountWithApp } from '../../support/mountWithApp'

/**
 * The administrator's console against a centre faked in memory (fetch answers as the server's routes do): what the
 * administrator sees on each page, and what one click asks of the centre.
 */

const ADMIN = { id: 'admin-1', name: '周婷', role: 'admin', branchId: null }
const BRANCHES: AdminBranch[] = [
  {
    id: 'b1',
    name: '解放路支行',
    code: 'JF',
    createdAt: '2026-01-05T02:00:00Z',
    tablets: 2,
    staff: 3,
    complaints: { open: 4, overdue: 1, dueSoon: 2, escalated: 1, approvalPending: 0 },
  },
  { id: 'b2', name: '中山路支行', code: 'ZS', createdAt: '2026-01-06T02:00:00Z', tablets: 1, staff: 1 },
]
const staffRow = (over: Partial<AdminStaff>): AdminStaff => ({
  id: 's-li',
  username: 'li.na',
  name: '李娜',
  role: 'manager',
  branchId: 'b1',
  coveredBranchIds: [],
  approvalLevel: 'none',
  disabled: false,
  mustChangePassword: false,
  createdAt: '2026-01-05T02:00:00Z',
  ...over,
})
const deviceRow = (over: Partial<AdminDevice>): AdminDevice => ({
  id: 'd1',
  name: '大堂 1 号',
  branchId: 'b1',
  branchName: '解放路支行',
  enrolledBy: 's-li',
  enrolledByName: '李娜',
  enrolledAt: '2026-02-01T02:00:00Z',
  lastSeenAt: '2026-12-02T08:00:00Z',
  reportedAt: '2026-12-02T08:00:00Z',
  pendingEvents: 3,
  appVersion: '0.1.0+202612010900',
  canWipe: true,
  wipe: false,
  revokedAt: null,
  expiredAt: null,
  needsConfirmation: false,
  ...over,
})

interface Call {
  method: string
  path: string
  body: unknown
}

/** A centre with a branch's staff and tablets; every call is kept, in order. */
function fakeCentre() {
  const calls: Call[] = []
  let staff = [
    staffRow({}),
    staffRow({ id: 's-zhao', username: 'zhao.min', name: '赵敏', role: 'supervisor', coveredBranchIds: ['b2'] }),
    staffRow({ id: 's-old', username: 'old.wang', name: '王老', disabled: true }),
  ]
  let devices = [
    deviceRow({}),
    deviceRow({
      id: 'd2',
      name: '大堂 2 号',
      pendingEvents: null,
      appVersion: null,
      lastSeenAt: null,
      needsConfirmation: true,
    }),
  ]
  let branches = [...BRANCHES]
  const answer = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET'
    const body = init.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : undefined
    const path = url.split('?')[0]!
    calls.push({ method, path: url, body })
    if (method === 'GET' && path === '/api/staff') return answer(200, { staff })
    if (method === 'GET' && path === '/api/branches') return answer(200, { branches })
    if (method === 'GET' && path === '/api/devices') return answer(200, { devices })
    const alerts = /^\/api\/staff\/([^/]+)\/alerts$/.exec(path)
    if (alerts) return answer(200, method === 'PUT' ? body : { mode: 'off', channels: ['email'] })
    if (method === 'GET' && path === '/api/alerts/channels') return answer(200, { sms: false })
    if (method === 'GET' && path === '/api/audit') {
      return answer(200, {
        next: null,
        entries: [
          {
            id: 2,
            at: '2026-12-02T06:00:00Z',
            actorId: 'admin-1',
            actorName: '周婷',
            address: '10.0.0.8',
            action: 'staff.disable',
            target: 's-old',
            targetName: '王老',
            before: { disabled: false },
            after: { disabled: true },
          },
          {
            id: 1,
            at: '2026-12-01T06:00:00Z',
            actorId: 'admin-1',
            actorName: '周婷',
            address: '10.0.0.8',
            action: 'branch.create',
            target: 'b2',
            targetName: '中山路支行',
            before: null,
            after: { name: '中山路支行', code: 'ZS' },
          },
        ],
      })
    }
    if (method === 'POST' && path === '/api/staff') {
      if (staff.some((s) => s.username === body!.username))
        return answer(409, { error: 'username_taken', message: 'taken' })
      const added = staffRow({ ...(body as Partial<AdminStaff>), id: 's-new', mustChangePassword: true })
      staff = [...staff, added]
      return answer(200, { staff: added, oneTimePassword: 'Qx7-mule-harbor-91' })
    }
    const act = /^\/api\/staff\/([^/]+)\/(disable|enable|reset-password)$/.exec(path)
    if (method === 'POST' && act) {
      staff = staff.map((s) =>
        s.id === act[1]
          ? { ...s, disabled: act[2] === 'disable' ? true : act[2] === 'enable' ? false : s.disabled }
          : s,
      )
      return answer(200, act[2] === 'reset-password' ? { oneTimePassword: 'Zp4-otter-lantern-22' } : {})
    }
    const revoke = /^\/api\/devices\/([^/]+)\/revoke$/.exec(path)
    if (method === 'POST' && revoke) {
      devices = devices.map((d) =>
        d.id === revoke[1] ? { ...d, revokedAt: '2026-12-03T02:00:00Z', wipe: body!.wipe === true } : d,
      )
      return answer(200, {})
    }
    const confirm = /^\/api\/devices\/([^/]+)\/confirm$/.exec(path)
    if (method === 'POST' && confirm) {
      devices = devices.map((d) => (d.id === confirm[1] ? { ...d, needsConfirmation: false } : d))
      return answer(200, {})
    }
    if (method === 'POST' && path === '/api/branches') {
      const added: AdminBranch = {
        id: 'b3',
        name: String(body!.name),
        code: String(body!.code),
        createdAt: '2026-12-03T02:00:00Z',
        tablets: 0,
        staff: 0,
      }
      branches = [...branches, added]
      return answer(200, { branch: added })
    }
    if (method === 'POST' && path === '/api/auth/sign-in') {
      if (body!.username === 'zhou.ting' && body!.password === 'correct horse battery') {
        return answer(200, { token: 'session-token-111111111111', expiresAt: '2099-01-01T00:00:00Z', staff: ADMIN })
      }
      return answer(401, { error: 'bad_credentials', message: 'no' })
    }
    if (method === 'GET' && path === '/api/desk/complaints') {
      return answer(200, {
        next: null,
        complaints: [
          {
            id: 'c-1',
            receivedAt: '2026-11-20T02:00:00Z',
            dueAt: '2026-11-25T09:00:00Z',
            dueClock: 'reply',
            status: 'inProgress',
            customerName: '钱多多',
            caseNumber: 'JF-261120-A01',
            category: null,
            escalated: true,
            approvalPending: false,
          },
        ],
      })
    }
    if (method === 'GET' && path === '/api/settings') return answer(200, {})
    if (method === 'GET' && /^\/api\/settings\/\w+\/history$/.test(path)) {
      return answer(200, {
        versions: [{ id: 7, at: '2026-11-20T02:00:00Z', actorId: 'admin-1', actorName: '周婷', value: {} }],
      })
    }
    if (method === 'POST' && path === '/api/settings/preview') {
      return answer(200, {
        open: 12,
        moved: 1,
        complaints: [
          {
            complaintId: 'c1',
            branchName: '解放路支行',
            receivedAt: '2026-12-01T02:00:00Z',
            category: null,
            moves: [
              {
                clock: 'reply',
                before: '2027-01-04',
                after: '2027-01-08',
                provisionalBefore: true,
                provisionalAfter: false,
              },
            ],
          },
        ],
      })
    }
    if (method === 'PUT' && /^\/api\/settings\/\w+$/.test(path)) return answer(200, {})
    if (method === 'POST' && path === '/api/auth/sign-out') return answer(200, {})
    return answer(404, { error: 'not_found', message: `${method} ${path}` })
  })
  vi.stubGlobal('fetch', fetch)
  return { calls }
}

function signedIn(staff: { id: string; name: string; role: string; branchId: string | null } = ADMIN) {
  sessionStorage.setItem(
    'complaint-desk.central',
    JSON.stringify({ token: 'session-token-000000000000', expiresAt: '2099-01-01T00:00:00Z', staff }),
  )
}

const q = (sel: string) => document.body.querySelector<HTMLElement>(sel)

async function openConsole(page: string) {
  const app = await mountWithApp(AdminPage, { path: `/admin/${page}`, props: { page } })
  await vi.waitFor(() => expect(app.wrapper.find(`[data-testid="admin-${page}"]`).exists()).toBe(true), {
    timeout: 10_000,
  })
  await flushPromises()
  return app
}

afterEach(async () => {
  vi.unstubAllGlobals()
  sessionStorage.clear()
  closeDialog()
  closeToast(true)
  await flushPromises()
  document.body.innerHTML = ''
})

describe('the administrator’s console', () => {
  it('asks for the centre’s sign-in first, and turns away someone who is no administrator', async () => {
    fakeCentre()
    const anonymous = await mountWithApp(AdminPage, { path: '/admin', props: {} })
    expect(anonymous.wrapper.find('[data-testid="admin-staff"]').exists()).toBe(false)
    expect(anonymous.wrapper.text()).toContain('以管理员身份登录')
    anonymous.wrapper.unmount()

    signedIn({ id: 's-zhao', name: '赵敏', role: 'supervisor', branchId: 'b1' })
    const supervisor = await mountWithApp(AdminPage, { path: '/admin', props: {} })
    expect(supervisor.wrapper.get('[data-testid="admin-not-admin"]').text()).toBe(
      '赵敏 不是管理员账号：管理控制台只对管理员开放。',
    )
    expect(supervisor.wrapper.find('[data-testid="admin-nav-staff"]').exists()).toBe(false)
  })

  it('signs the administrator in at the centre, saying so when the password is wrong, and out again', async () => {
    const { calls } = fakeCentre()
    const { wrapper } = await mountWithApp(AdminPage, { path: '/admin', props: {} })
    await wrapper.get('[data-testid="central-username"]').setValue('zhou.ting')
    await wrapper.get('[data-testid="central-password"]').setValue('wrong password')
    await wrapper.get('[data-testid="central-sign-in"]').trigger('submit')
    await vi.waitFor(() => expect(wrapper.get('[data-testid="central-error"]').text()).toContain('用户名或密码错误'))
    expect(wrapper.find('[data-testid="admin-staff"]').exists()).toBe(false)

    await wrapper.get('[data-testid="central-password"]').setValue('correct horse battery')
    await wrapper.get('[data-testid="central-sign-in"]').trigger('submit')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-row-li.na"]').exists()).toBe(true), {
      timeout: 10_000,
    })
    expect(wrapper.get('[data-testid="admin-who"]').text()).toBe('周婷 · 管理员')
    // The session is kept for this tab only, and used for every call.
    expect(JSON.parse(sessionStorage.getItem('complaint-desk.central')!)).toMatchObject({
      token: 'session-token-111111111111',
    })

    await wrapper.get('[data-testid="admin-sign-out"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="central-sign-in"]').exists()).toBe(true))
    expect(sessionStorage.getItem('complaint-desk.central')).toBeNull()
    expect(calls.at(-1)).toMatchObject({ method: 'POST', path: '/api/auth/sign-out' })
  })

  it('lists the staff still working, finds one by name, and gives a new colleague a one-time password shown once', async () => {
    signedIn()
    const { calls } = fakeCentre()
    const { wrapper } = await openConsole('staff')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-row-li.na"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="admin-who"]').text()).toBe('周婷 · 管理员')
    // Someone who left is hidden until asked for.
    expect(wrapper.find('[data-testid="staff-row-old.wang"]').exists()).toBe(false)
    await wrapper.get('[data-testid="staff-search"]').setValue('赵')
    expect(wrapper.findAll('[data-testid^="staff-row-"]').map((r) => r.attributes('data-testid'))).toEqual([
      'staff-row-zhao.min',
    ])
    await wrapper.get('[data-testid="staff-search"]').setValue('')

    await wrapper.get('[data-testid="staff-add"]').trigger('click')
    await wrapper.get('[data-testid="staff-field-username"]').setValue('sun.li')
    await wrapper.get('[data-testid="staff-field-name"]').setValue('孙莉')
    await wrapper.get('[data-testid="staff-field-branchId"]').setValue('b1')
    await wrapper.get('[data-testid="staff-form"]').trigger('submit')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="one-time-password-value"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="one-time-password-value"]').text()).toBe('Qx7-mule-harbor-91')
    expect(wrapper.get('[data-testid="one-time-password"]').text()).toContain('孙莉 的一次性密码')
    expect(calls.find((c) => c.method === 'POST' && c.path === '/api/staff')!.body).toMatchObject({
      username: 'sun.li',
      name: '孙莉',
      role: 'manager',
      branchId: 'b1',
    })
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-row-sun.li"]').exists()).toBe(true))
    await wrapper.get('[data-testid="one-time-password-close"]').trigger('click')
    expect(wrapper.find('[data-testid="one-time-password-value"]').exists()).toBe(false)
  })

  it('sets a supervisor’s alerts by SMS from the staff list, saying the SMS waits while no gateway is configured', async () => {
    signedIn()
    const { calls } = fakeCentre()
    const { wrapper } = await openConsole('staff')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-row-zhao.min"]').exists()).toBe(true))
    // Alerts go to supervisors: a lobby manager's row has no such button.
    expect(wrapper.get('[data-testid="staff-row-li.na"]').find('[data-testid="staff-alerts"]').exists()).toBe(false)
    await wrapper.get('[data-testid="staff-row-zhao.min"]').get('[data-testid="staff-alerts"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="alert-preference-s-zhao"]').exists()).toBe(true))
    expect(wrapper.text()).toContain('赵敏 的提醒设置')
    await vi.waitFor(() =>
      expect(wrapper.get('[data-testid="alert-preference-s-zhao"]').attributes('aria-busy')).toBe('false'),
    )
    await wrapper.get('[data-testid="alert-mode-s-zhao"]').setValue('immediate')
    await wrapper.get('[data-testid="alert-channel-email-s-zhao"]').setValue(false)
    await wrapper.get('[data-testid="alert-channel-sms-s-zhao"]').setValue(true)
    await vi.waitFor(() =>
      expect(wrapper.get('[data-testid="alert-sms-queued-s-zhao"]').text()).toContain('短信网关尚未配置'),
    )
    await wrapper.get('[data-testid="alert-mobile-s-zhao"]').setValue('010-62345678')
    await wrapper.get('[data-testid="alert-preference-s-zhao"]').trigger('submit')
    await vi.waitFor(() =>
      expect(wrapper.get('[data-testid="alert-preference-s-zhao"]').text()).toContain('11 位手机号码'),
    )
    expect(calls.some((c) => c.method === 'PUT')).toBe(false)
    await wrapper.get('[data-testid="alert-mobile-s-zhao"]').setValue('138 0013 8000')
    await wrapper.get('[data-testid="alert-preference-s-zhao"]').trigger('submit')
    await vi.waitFor(() =>
      expect(wrapper.get('[data-testid="alert-preference-s-zhao"]').text()).toContain('提醒设置已保存'),
    )
    expect(calls.find((c) => c.method === 'PUT')).toEqual({
      method: 'PUT',
      path: '/api/staff/s-zhao/alerts',
      body: { mode: 'immediate', channels: ['sms'], mobile: '13800138000' },
    })
  })

  it('says a username is taken beside the field, and keeps what was typed', async () => {
    signedIn()
    fakeCentre()
    const { wrapper } = await openConsole('staff')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-row-li.na"]').exists()).toBe(true))
    await wrapper.get('[data-testid="staff-add"]').trigger('click')
    await wrapper.get('[data-testid="staff-field-username"]').setValue('li.na')
    await wrapper.get('[data-testid="staff-field-name"]').setValue('李娜二')
    await wrapper.get('[data-testid="staff-field-branchId"]').setValue('b1')
    await wrapper.get('[data-testid="staff-form"]').trigger('submit')
    await vi.waitFor(() => expect(wrapper.get('[data-testid="staff-form"]').text()).toContain('用户名已被使用'))
    expect((wrapper.get('[data-testid="staff-field-name"]').element as HTMLInputElement).value).toBe('李娜二')
  })

  it('disables someone who left only after the administrator confirms', async () => {
    signedIn()
    const { calls } = fakeCentre()
    const { wrapper } = await openConsole('staff')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-row-li.na"]').exists()).toBe(true))
    await wrapper.get('[data-testid="staff-row-li.na"] [data-testid="staff-disable"]').trigger('click')
    await vi.waitFor(() => expect(q('.van-dialog')?.textContent).toContain('停用 李娜？'))
    q('.van-dialog__cancel')!.click()
    await flushPromises()
    expect(calls.some((c) => c.path.endsWith('/disable'))).toBe(false)

    await wrapper.get('[data-testid="staff-row-li.na"] [data-testid="staff-disable"]').trigger('click')
    await vi.waitFor(() => expect(q('.van-dialog__confirm')).not.toBeNull())
    q('.van-dialog__confirm')!.click()
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-row-li.na"]').exists()).toBe(false))
    expect(calls.filter((c) => c.path.endsWith('/disable')).map((c) => c.path)).toEqual(['/api/staff/s-li/disable'])
  })

  it('shows each tablet’s state and what it has not sent, confirms one and revokes one with a wipe', async () => {
    signedIn()
    const { calls } = fakeCentre()
    const { wrapper } = await openConsole('tablets')
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="tablet-row"]')).toHaveLength(2))
    const row = (name: string) => wrapper.get(`[data-testid="tablet-row"][data-tablet="${name}"]`)
    expect(row('大堂 1 号').get('[data-testid="tablet-pending"]').text()).toBe('3 条')
    expect(row('大堂 1 号').get('[data-testid="tablet-state"]').text()).toBe('在用')
    expect(row('大堂 2 号').get('[data-testid="tablet-pending"]').text()).toBe('未上报')
    expect(row('大堂 2 号').get('[data-testid="tablet-last-seen"]').text()).toBe('从未')
    expect(row('大堂 2 号').get('[data-testid="tablet-state"]').text()).toBe('待确认')

    await row('大堂 2 号').get('[data-testid="tablet-confirm"]').trigger('click')
    await vi.waitFor(() => expect(row('大堂 2 号').get('[data-testid="tablet-state"]').text()).toBe('在用'))

    await row('大堂 1 号').get('[data-testid="tablet-revoke"]').trigger('click')
    expect(wrapper.get('[data-testid="tablet-revoke-dialog"]').text()).toContain('停用 大堂 1 号？')
    await wrapper.get('[data-testid="tablet-revoke-wipe"]').setValue(true)
    await wrapper.get('[data-testid="tablet-revoke-confirm"]').trigger('click')
    await vi.waitFor(() => expect(row('大堂 1 号').get('[data-testid="tablet-state"]').text()).toBe('已停用，待清除'))
    expect(calls.find((c) => c.path === '/api/devices/d1/revoke')!.body).toEqual({ wipe: true })
    expect(wrapper.find('[data-testid="tablet-revoke-dialog"]').exists()).toBe(false)
  })

  it('lists the branches, adds one, and opens one with its tablets, people and open complaints', async () => {
    signedIn()
    const { calls } = fakeCentre()
    const { wrapper } = await openConsole('branches')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="branch-row-JF"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="branch-row-JF"]').text()).toContain('解放路支行')
    await wrapper.get('[data-testid="branch-add"]').trigger('click')
    await wrapper.get('[data-testid="branch-name"]').setValue('城东支行')
    await wrapper.get('[data-testid="branch-code"]').setValue('CD')
    await wrapper.get('[data-testid="branch-form"]').trigger('submit')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="branch-row-CD"]').exists()).toBe(true))
    expect(calls.find((c) => c.method === 'POST' && c.path === '/api/branches')!.body).toMatchObject({
      name: '城东支行',
      code: 'CD',
    })

    // A branch opened: its tablets, its people and its open complaints from the centre, overdue first to hand.
    await wrapper.get('[data-testid="branch-row-JF"] button.linkish').trigger('click')
    const detail = wrapper.get('[data-testid="branch-detail"]')
    expect(detail.text()).toContain('大堂 1 号')
    expect(detail.text()).toContain('李娜')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="branch-complaint"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="branch-complaint"]').text()).toContain('钱多多')
    expect(wrapper.get('[data-testid="branch-complaint-case"]').text()).toBe('JF-261120-A01')
    // The console may run on a computer that is no tablet: no link into a complaint's page.
    expect(wrapper.find('[data-testid="branch-complaint-open"]').exists()).toBe(false)
    await wrapper.get('[data-testid="desk-filter-overdue"]').trigger('click')
    await vi.waitFor(() =>
      expect(calls.some((c) => c.path.startsWith('/api/desk/complaints?') && c.path.includes('filter=overdue'))).toBe(
        true,
      ),
    )
  }, 20_000)

  it('reads the audit trail: who did what to whom, in the administrator’s words', async () => {
    signedIn()
    fakeCentre()
    const { wrapper } = await openConsole('audit')
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="audit-entry"]')).toHaveLength(2))
    const [disable, create] = wrapper.findAll('[data-testid="audit-entry"]')
    expect(disable!.text()).toContain('停用员工')
    expect(disable!.text()).toContain('王老')
    expect(disable!.text()).toContain('周婷')
    expect(create!.text()).toContain('添加网点')
  })

  it('enters next year’s holidays: refuses a range that ends before it starts, previews the deadlines moved, then saves', async () => {
    signedIn()
    const { calls } = fakeCentre()
    const { wrapper } = await openConsole('calendar')
    const next = Number(chinaDate(new Date()).slice(0, 4)) + 1
    expect((wrapper.get('[data-testid="calendar-year"]').element as HTMLSelectElement).value).toBe(String(next))
    await wrapper.get('[data-testid="calendar-add-holiday"]').trigger('click')
    await wrapper.get('[data-testid="holiday-name"]').setValue('元旦')
    await wrapper.get('[data-testid="holiday-from"]').setValue(`${next}-01-03`)
    await wrapper.get('[data-testid="holiday-to"]').setValue(`${next}-01-01`)
    await wrapper.get('[data-testid="calendar-preview"]').trigger('click')
    // The reason, not a bare "invalid" (the console used to say 内容无效 for every problem of the schedule).
    expect(wrapper.get('[data-testid="calendar-form"]').text()).toContain('结束日期早于开始日期')
    expect(wrapper.get('[data-testid="calendar-form"]').text()).not.toContain('内容无效')
    expect(wrapper.get('[data-testid="calendar-form"]').text()).toContain('请先修改标红的项目')
    expect(calls.some((c) => c.path === '/api/settings/preview')).toBe(false)
    // Nothing is saved before the effect has been seen.
    expect(wrapper.get('[data-testid="calendar-save"]').attributes('disabled')).toBeDefined()

    await wrapper.get('[data-testid="holiday-to"]').setValue(`${next}-01-03`)
    await wrapper.get('[data-testid="calendar-preview"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="deadline-preview"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="deadline-preview-summary"]').text()).toContain(
      '12 件未结投诉中，1 件的期限会改变',
    )
    expect(wrapper.get('[data-testid="deadline-move"]').text()).toContain('2027-01-04 (暂定) → 2027-01-08')
    expect(calls.find((c) => c.path === '/api/settings/preview')!.body).toMatchObject({
      calendar: { entries: expect.arrayContaining([expect.objectContaining({ name: '元旦' })]) },
    })
    await wrapper.get('[data-testid="calendar-form"]').trigger('submit')
    await vi.waitFor(() =>
      expect(calls.some((c) => c.method === 'PUT' && c.path === '/api/settings/calendar')).toBe(true),
    )
  })

  it('changes a deadline of the policy only after previewing it, and shows the setting’s history', async () => {
    signedIn()
    const { calls } = fakeCentre()
    const { wrapper } = await openConsole('settings')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="settings-version"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="settings-version"]').text()).toContain('周婷')
    const field = wrapper.get('[data-testid="policy-editor-replyWorkingDays"]')
    await field.setValue('10')
    expect(wrapper.get('[data-testid="settings-save"]').attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid="policy-preview"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="deadline-preview"]').exists()).toBe(true))
    expect(calls.find((c) => c.path === '/api/settings/preview')!.body).toMatchObject({
      policy: { replyWorkingDays: 10 },
    })
    await wrapper.get('[data-testid="admin-settings"] form').trigger('submit')
    await vi.waitFor(() =>
      expect(calls.some((c) => c.method === 'PUT' && c.path === '/api/settings/policy')).toBe(true),
    )
    expect(calls.find((c) => c.method === 'PUT' && c.path === '/api/settings/policy')!.body).toMatchObject({
      replyWorkingDays: 10,
    })

    await wrapper.get('[data-testid="settings-tab-taxonomy"]').trigger('click')
    expect(wrapper.find('[data-testid="taxonomy-editor"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="taxonomy-preview"]').exists()).toBe(true)
    await wrapper.get('[data-testid="settings-tab-sms"]').trigger('click')
    expect(wrapper.find('[data-testid="taxonomy-editor"]').exists()).toBe(false)
  })
})
