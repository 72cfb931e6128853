import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { moveRefusal } from '@/domain'
import type { EventDraft, StaffRole } from '@/domain'
import { useSessionStore } from '@/ui/auth/useSessionStore'
import { ACTIONS } from '@/ui/process/actionSpecs'
import { useSettingsStore } from '@/ui/stores/useSettingsStore'
import { CLOSED, cleanUp, NOTICE, q, RESOLVED, setup, testid, VALID } from './processHarness'

afterEach(cleanUp)

const ESCALATED: EventDraft = { type: 'complaint.escalated', payload: { reason: '客户要求赔偿' } }
/** The decision told a minute ago (the complaint was received an hour ago). */
const TOLD: EventDraft = {
  ...NOTICE,
  payload: { ...(NOTICE.payload as object), notifiedAt: new Date(Date.now() - 60_000).toISOString() },
} as EventDraft
const PAUSED: EventDraft = { type: 'clock.paused', payload: { reason: '司法鉴定' } }
const REQUESTED = (days: number): EventDraft => ({
  type: 'extension.requested',
  payload: { reason: '需调取录像', newDueDate: new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10) },
})

/** Complaints in every stage the panel meets, recorded just now (so no deadline has passed unless the stage says so). */
const STAGES: [string, EventDraft[]][] = [
  ['new', []],
  ['judged valid', [VALID]],
  ['told the decision', [VALID, TOLD]],
  ['escalated', [ESCALATED]],
  ['an extension asked for', [REQUESTED(20)]],
  ['clock paused', [PAUSED]],
  ['resolved', [VALID, TOLD, RESOLVED]],
  ['closed', [VALID, TOLD, RESOLVED, CLOSED]],
  ['withdrawn', [{ type: 'complaint.withdrawn', payload: { reason: '客户撤回' } }]],
]
const ACTORS: [string, { role: StaffRole; approvalLevel?: 'superior' | null }][] = [
  ['a lobby manager', { role: 'manager' }],
  ['a supervisor', { role: 'supervisor' }],
  ['a head-office approver', { role: 'supervisor', approvalLevel: 'superior' }],
]

describe('the process panel offers exactly the moves the rules allow (moveRefusal), for every stage and role', () => {
  it.each(STAGES.flatMap(([stage, history]) => ACTORS.map(([who, actor]) => [stage, who, history, actor] as const)))(
    '%s, used by %s',
    async (_stage, _who, history, actor) => {
      const { state } = await setupAs(history, actor)
      const ctx = { now: new Date(), calendar: useSettingsStore().calendar, policy: useSettingsStore().policy, actor }
      for (const a of ACTIONS) {
        const allowed = moveRefusal(state, a.type, ctx) === null
        const shown = q(`[data-testid="${testid(a.type)}"]`) !== null
        expect(shown, `${a.type}: refusal ${moveRefusal(state, a.type, ctx)}`).toBe(allowed)
      }
      // The next step the panel proposes is always one of them.
      const next = q('[data-testid="next-step"]')?.dataset.action
      if (next) expect(moveRefusal(state, next as never, ctx)).toBeNull()
    },
  )

  it('never offers a lobby manager what only a supervisor may record', async () => {
    await setupAs([ESCALATED, REQUESTED(20)], { role: 'manager' })
    expect(q('[data-testid="action-supervisor-planRecorded"]')).toBeNull()
    expect(q('[data-testid="action-extension-decided"]')).toBeNull()
    await cleanUp()
    await setupAs([ESCALATED, REQUESTED(20)], { role: 'supervisor' })
    expect(q('[data-testid="action-supervisor-planRecorded"]')).not.toBeNull()
    expect(q('[data-testid="action-extension-decided"]')).not.toBeNull()
  })

  it('tells a lobby manager what an escalation waits for, never that the procedure is complete', async () => {
    await setupAs([ESCALATED], { role: 'manager' })
    expect(q('[data-testid="next-step"]')).toBeNull()
    expect(q('[data-testid="next-waiting"]')!.textContent).toBe('记录主管方案')
    const why = q('[data-testid="next-why"]')!.textContent!
    expect(why).toBe('上报的处理方案须由主管本人记录')
    expect(why).not.toContain('流程已完成')
    await cleanUp()
    // The supervisor on the same tablet is offered the step itself.
    await setupAs([ESCALATED], { role: 'supervisor' })
    expect(q('[data-testid="next-step"]')!.dataset.action).toBe('supervisor.planRecorded')
    expect(q('[data-testid="next-waiting"]')).toBeNull()
  })
})

/** The panel mounted with `actor` unlocked on the tablet. */
async function setupAs(history: EventDraft[], actor: { role: StaffRole; approvalLevel?: 'superior' | null }) {
  const result = await setup(history, { recorded: { receivedAt: new Date(Date.now() - 3_600_000).toISOString() } })
  useSessionStore().current = { staffId: 'staff-zhao', name: '赵主管', ...actor }
  await flushPromises()
  return result
}
