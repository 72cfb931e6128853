import { flushPromises } from '@vue/test-utils'
import { closeToast } from 'vant'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { newId } from '@/domain'
import type { EventDraft } from '@/domain'
import { commit, ComplaintDb } from '@/db'
import { actAs } from '@/ui/auth/session'
import { useSessionStore } from '@/ui/auth/useSessionStore'
import DeskPage from '@/ui/desk/DeskPage.vue'
import ProcessPanel from '@/ui/process/ProcessPanel.vue'
import { useStatusStore } from '@/ui/stores/useStatusStore'
import { RECORDED } from '../../support/eventFactory'
import { databaseIdle } from '../../support/databaseIdle'
import { mountWithApp } from '../../support/mountWithApp'

const SUPERVISOR = { staffId: 'zhao', name: '赵敏', role: 'supervisor' as const, approvalLevel: null }
const SUPERIOR = { staffId: 'qian', name: '钱立', role: 'supervisor' as const, approvalLevel: 'superior' as const }
const MANAGER = { staffId: 'li', name: '李娜', role: 'manager' as const }
/** Within 30 days of 2 March (1 April): the bank's own supervisor may approve it. */
const REQUEST: EventDraft = {
  type: 'extension.requested',
  payload: { reason: '需总行核查交易流水', newDueDate: '2026-03-30' },
}
/** Past 30 days: only a superior office or a head-office senior manager may approve it (Art. 18). */
const LONG_REQUEST: EventDraft = {
  type: 'extension.requested',
  payload: { reason: '需境外代理行协查', newDueDate: '2026-04-28' },
}
/** The complaints' history was recorded the morning they were received. */
const MARCH = () => Date.parse('2026-03-02T03:00:00Z')

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
  closeToast(true)
})

const q = <T extends HTMLElement = HTMLElement>(sel: string) => document.body.querySelector<T>(sel)
const qa = (sel: string) => [...document.body.querySelectorAll<HTMLElement>(sel)]

/** A branch tablet, offline, with one extension request and one escalation waiting; `user` has unlocked it. */
async function deskAs(user: typeof SUPERVISOR | typeof SUPERIOR | typeof MANAGER, request = REQUEST) {
  const db = new ComplaintDb(`desk-${newId()}`)
  const requested = newId()
  const escalated = newId()
  await commit(
    db,
    requested,
    [
      { type: 'complaint.recorded', payload: { ...RECORDED, customer: { ...RECORDED.customer, name: '郑毅' } } },
      { type: 'complaint.acknowledged', payload: {} },
      request,
    ],
    MARCH,
  )
  await commit(
    db,
    escalated,
    [
      { type: 'complaint.recorded', payload: RECORDED },
      { type: 'complaint.escalated', payload: { reason: '客户要求赔偿' } },
    ],
    MARCH,
  )
  const app = await mountWithApp(DeskPage, { db })
  // As an unlock does: the tablet's user becomes the actor of its events.
  await actAs(db, { id: 'tab-1', name: '大堂 1', branchId: 'b1', branchName: '人民路支行', token: 't' }, user)
  useSessionStore().current = user
  useStatusStore().online = false
  cleanups.push(async () => {
    app.wrapper.unmount()
    await db.delete()
  })
  await vi.waitFor(() => expect(qa('[data-testid^="desk-item-"]')).toHaveLength(2), { timeout: 5000 })
  return { db, requested, escalated }
}

async function type(el: HTMLTextAreaElement, value: string) {
  el.value = value
  el.dispatchEvent(new Event('input'))
  await flushPromises()
}

describe('the supervisor’s desk on the branch tablet, offline', () => {
  it('lists the extension request with its reason and date, and the escalation', async () => {
    const { requested } = await deskAs(SUPERVISOR)
    const item = q(`[data-testid="desk-item-extension-${requested}"]`)!
    expect(item.textContent).toContain('郑毅')
    expect(item.textContent).toContain('需总行核查交易流水')
    expect(item.textContent).toContain('申请延期至 2026-03-30')
    expect(item.querySelector('[data-testid="desk-needs"]')!.textContent).toContain('主管即可审批')
    expect(q('[data-kind="escalation"]')!.textContent).toContain('客户要求赔偿')
    expect(q('[data-testid="desk-offline"]')).not.toBeNull()
  })

  it('approves with a comment as an event made in the supervisor’s name, queued for sync, and the item leaves the queue', async () => {
    const { db, requested } = await deskAs(SUPERVISOR)
    const item = () => q(`[data-testid="desk-item-extension-${requested}"]`)
    item()!.querySelector<HTMLButtonElement>('[data-testid="desk-approve"]')!.click()
    await flushPromises()
    expect(item()!.querySelector('[role="alert"]')!.textContent).toBe('请填写审批意见')
    expect(
      await db.events
        .where('complaintId')
        .equals(requested)
        .filter((e) => e.type === 'extension.decided')
        .count(),
    ).toBe(0)

    await type(item()!.querySelector('textarea')!, '同意，请告知客户')
    item()!.querySelector<HTMLButtonElement>('[data-testid="desk-approve"]')!.click()
    await vi.waitFor(() => expect(item()).toBeNull())
    // Read whole, not through a cursor (`filter`), whose rows come sealed (issue 17).
    const [decision] = (await db.events.where('complaintId').equals(requested).toArray()).filter(
      (e) => e.type === 'extension.decided',
    )
    expect(decision).toMatchObject({
      actor: { staffId: 'zhao', staffName: '赵敏' },
      payload: {
        approved: true,
        comment: '同意，请告知客户',
        supervisor: { staffId: 'zhao', staffName: '赵敏' },
        level: 'supervisor',
      },
    })
    expect(await db.outbox.get(decision!.id)).toBeDefined()
  })

  it('answers once when 批准 is tapped twice: one decision, and no refusal shown for the second tap', async () => {
    const { db, requested } = await deskAs(SUPERVISOR)
    const item = () => q(`[data-testid="desk-item-extension-${requested}"]`)
    await type(item()!.querySelector('textarea')!, '同意')
    const approve = item()!.querySelector<HTMLButtonElement>('[data-testid="desk-approve"]')!
    approve.click()
    approve.click()
    await vi.waitFor(() => expect(item()).toBeNull())
    await databaseIdle(db)
    expect(
      await db.events
        .where('complaintId')
        .equals(requested)
        .filter((e) => e.type === 'extension.decided')
        .count(),
    ).toBe(1)
    expect(q('.van-dialog')?.textContent ?? '').not.toContain('已经审批过')
  })

  it('leaves an extension past 30 days to a superior approver: the supervisor may refuse, not approve', async () => {
    const { requested } = await deskAs(SUPERVISOR, LONG_REQUEST)
    const item = q(`[data-testid="desk-item-extension-${requested}"]`)!
    expect(item.querySelector('[data-testid="desk-needs"]')!.textContent).toContain('须上级机构或总行高级管理人员审批')
    expect(item.querySelector<HTMLButtonElement>('[data-testid="desk-approve"]')!.disabled).toBe(true)
    expect(item.querySelector<HTMLButtonElement>('[data-testid="desk-refuse"]')!.disabled).toBe(false)
  })

  it('lets a head-office senior manager who unlocked the tablet approve past 30 days, with that authority', async () => {
    const { db, requested } = await deskAs(SUPERIOR, LONG_REQUEST)
    const item = () => q(`[data-testid="desk-item-extension-${requested}"]`)
    await type(item()!.querySelector('textarea')!, '同意延长至 60 日内，请告知客户')
    item()!.querySelector<HTMLButtonElement>('[data-testid="desk-approve"]')!.click()
    await vi.waitFor(() => expect(item()).toBeNull())
    // Read whole, not through a cursor (`filter`), whose rows come sealed (issue 17).
    const [decision] = (await db.events.where('complaintId').equals(requested).toArray()).filter(
      (e) => e.type === 'extension.decided',
    )
    expect(decision).toMatchObject({
      actor: { staffId: 'qian' },
      payload: { approved: true, level: 'superior', supervisor: { staffId: 'qian', staffName: '钱立' } },
    })
  })

  it('records a plan for an escalation, which returns the complaint to handling', async () => {
    const { db, escalated } = await deskAs(SUPERVISOR)
    const item = () => q(`[data-testid="desk-item-escalation-${escalated}"]`)
    await type(item()!.querySelector('textarea')!, '按规定退还年费并书面致歉')
    item()!.querySelector<HTMLButtonElement>('[data-testid="desk-plan"]')!.click()
    await vi.waitFor(() => expect(item()).toBeNull())
    expect((await db.complaints.get(escalated))!.status).toBe('inProgress')
  })

  it('shows a lobby manager the questions but no decision', async () => {
    await deskAs(MANAGER)
    expect(q('[data-testid="desk-not-supervisor"]')).not.toBeNull()
    expect(qa('[data-testid="desk-approve"]')).toHaveLength(0)
  })
})

describe('the extension request on the complaint’s page', () => {
  async function panelAs(user: typeof SUPERVISOR | typeof MANAGER) {
    const db = new ComplaintDb(`panel-${newId()}`)
    const { state } = await commit(
      db,
      newId(),
      [{ type: 'complaint.recorded', payload: RECORDED }, { type: 'complaint.acknowledged', payload: {} }, REQUEST],
      MARCH,
    )
    const app = await mountWithApp(ProcessPanel, { db, props: { complaint: state } })
    useSessionStore().current = user
    await flushPromises()
    cleanups.push(async () => {
      app.wrapper.unmount()
      await db.delete()
    })
  }

  it('tells the manager it waits for the supervisor, offers no second request and no decision', async () => {
    await panelAs(MANAGER)
    expect(q('[data-testid="extension-pending"]')!.textContent).toContain('2026-03-30')
    expect(q('[data-testid="action-extension-requested"]')).toBeNull()
    expect(q('[data-testid="action-extension-decided"]')).toBeNull()
  })

  it('offers the decision to a supervisor', async () => {
    await panelAs(SUPERVISOR)
    await vi.waitFor(() => expect(q('[data-testid="action-extension-decided"]')).not.toBeNull())
  })
})
