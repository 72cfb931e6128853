import { flushPromises } from '@vue/test-utils'
import { closeDialog, closeToast } from 'vant'
import { expect, vi } from 'vitest'
import { newId } from '@/domain'
import type { ComplaintEvent, EventDraft, EventPayload, EventType, PayloadInput } from '@/domain'
import { commit, ComplaintDb } from '@/db'
import ProcessPanel from '@/ui/process/ProcessPanel.vue'
import { RECORDED } from '../../support/eventFactory'
import { databaseIdle } from '../../support/databaseIdle'
import { mountWithApp } from '../../support/mountWithApp'

/** Shared set-up for the process tests: a complaint with a history, the panel mounted on a snapshot of its state. */

const cleanups: (() => Promise<void>)[] = []
/** The database of the latest `setup`: `settle` waits for what was started on it. */
let latestDb: ComplaintDb | null = null

export async function cleanUp(): Promise<void> {
  for (const c of cleanups.splice(0)) await c()
  // Vant's dialog and toast are singletons mounted once in <body>: close them rather than wiping the body.
  closeDialog()
  closeToast(true)
  await flushPromises()
}

/** `at`: when the history was recorded (a history dated in March must be recorded then, not after its deadlines). */
export async function setup(
  history: EventDraft[] = [],
  options: { locale?: 'zh-CN' | 'en'; recorded?: Partial<PayloadInput<'complaint.recorded'>>; at?: string } = {},
) {
  const db = new ComplaintDb(`process-${newId()}`)
  latestDb = db
  const id = newId()
  const at = options.at ? () => Date.parse(options.at!) : Date.now
  const { state } = await commit(
    db,
    id,
    [{ type: 'complaint.recorded', payload: { ...RECORDED, ...options.recorded } }, ...history],
    at,
  )
  const app = await mountWithApp(ProcessPanel, { db, locale: options.locale ?? 'zh-CN', props: { complaint: state } })
  cleanups.push(async () => {
    app.wrapper.unmount()
    await db.delete()
  })
  const events = async () => db.events.where('complaintId').equals(id).toArray()
  const types = async () => (await events()).map((e) => e.type)
  /** The payload of the newest event of a type, once it is written. */
  async function written<T extends EventType>(type: T): Promise<EventPayload<T>> {
    let found: ComplaintEvent | undefined
    await vi.waitFor(async () => {
      found = (await events()).filter((e) => e.type === type).at(-1)
      expect(found, `${type} written`).toBeDefined()
    })
    return found!.payload as unknown as EventPayload<T>
  }
  return { ...app, db, id, state, events, types, written }
}

export const body = () => document.body
export const q = <T extends HTMLElement = HTMLElement>(sel: string) => body().querySelector<T>(sel)
export const qa = (sel: string) => [...body().querySelectorAll<HTMLElement>(sel)]
export const testid = (type: string) => `action-${type.replaceAll('.', '-')}`

/** Taps the action's button in the grid. */
export async function open(type: EventType): Promise<void> {
  const button = q(`[data-testid="${testid(type)}"]`)
  expect(button, `button for ${type}`).not.toBeNull()
  button!.click()
  await flushPromises()
  expect(q(`[data-testid="sheet-${type.replaceAll('.', '-')}"]`), `sheet for ${type}`).not.toBeNull()
}

export function field<T extends HTMLInputElement | HTMLTextAreaElement = HTMLInputElement>(name: string): T {
  const el = q<T>(`[data-testid="action-field-${name}"]`)
  expect(el, `field ${name}`).not.toBeNull()
  return el!
}

export async function fill(name: string, value: string): Promise<void> {
  const el = field(name)
  el.value = value
  el.dispatchEvent(new Event('input'))
  await flushPromises()
}

export async function choose(name: string, value: string): Promise<void> {
  const el = q<HTMLInputElement>(`[data-testid="action-field-${name}-${value}"]`)
  expect(el, `option ${name}=${value}`).not.toBeNull()
  el!.checked = true
  el!.dispatchEvent(new Event('change'))
  await flushPromises()
}

export async function tap(id: string): Promise<void> {
  const el = q(`[data-testid="${id}"]`)
  expect(el, id).not.toBeNull()
  el!.click()
  await flushPromises()
}

export async function save(): Promise<void> {
  await tap('action-submit')
}

/** The messages shown under the fields of the open sheet. */
export const alerts = () => qa('.van-popup [role="alert"]').map((e) => e.textContent?.trim() ?? '')

/**
 * Waits until everything a tap started on the database has finished, however long it takes (see databaseIdle): a
 * write that was (wrongly) started is stored by then, and a read that was started has been handed over.
 */
export async function settle(db: ComplaintDb | null = latestDb): Promise<void> {
  if (!db) throw new Error('settle() before setup()')
  await databaseIdle(db)
}

export const VALID: EventDraft = { type: 'validity.judged', payload: { verdict: 'valid', reason: '属实' } }
export const PLAN: EventDraft = {
  type: 'plan.proposed',
  payload: {
    cause: '高峰期窗口不足',
    plan: '增开窗口并致歉',
    responsible: { staffId: 'staff-li', staffName: '李经理' },
  },
}
/** The decision told by SMS the morning the complaint was received. */
export const NOTICE: EventDraft = {
  type: 'decision.notified',
  payload: {
    channel: 'sms',
    notifiedAt: '2026-03-02T10:00:00+08:00',
    decision: '退还年费',
    findings: '扣费未事先告知',
    basis: '收费须事先告知',
    remedies: ['review', 'mediation', 'arbitration', 'litigation'],
    content: '已处理',
  },
}
export const RESOLVED: EventDraft = { type: 'complaint.resolved', payload: { summary: '已退费' } }
export const CLOSED: EventDraft = { type: 'complaint.closed', payload: {} }
export const CLOSED_HISTORY: EventDraft[] = [VALID, NOTICE, RESOLVED, CLOSED]
