import { afterEach, describe, expect, it } from 'vitest'
import type { EventDraft, EventType } from '@/domain'
import { ACTIONS } from '@/ui/process/actionSpecs'
import { cleanUp, CLOSED_HISTORY, PLAN, q, qa, NOTICE, RESOLVED, setup, testid, VALID } from './processHarness'

afterEach(cleanUp)

/** The test ids of the action buttons in the grid (`action-field-corrected` is a button; `action-field-<name>` are inputs). */
const offered = () => qa('[data-testid="process"] .grid button').map((b) => b.dataset.testid!)
const next = () => q('[data-testid="next-step"]')

describe('ProcessPanel: the next step and the actions that make sense now', () => {
  it.each([
    ['new', 'complaint.acknowledged', '首次响应', []],
    ['in progress, not judged', 'validity.judged', '判定是否成立', [{ type: 'complaint.acknowledged', payload: {} }]],
    ['valid, no plan', 'plan.proposed', '原因分析与处理方案', [VALID]],
    ['valid with a plan, not told', 'decision.notified', '告知处理决定', [VALID, PLAN]],
    [
      'not valid, not told: told all the same',
      'decision.notified',
      '告知处理决定',
      [{ type: 'validity.judged', payload: { verdict: 'invalid', reason: '按规定收费' } }],
    ],
    ['told', 'complaint.resolved', '处理完毕', [VALID, PLAN, NOTICE]],
    ['resolved, opinion not asked', 'opinion.recorded', '记录客户意见', [VALID, PLAN, NOTICE, RESOLVED]],
    [
      'resolved and heard',
      'complaint.closed',
      '办结',
      [VALID, PLAN, NOTICE, RESOLVED, { type: 'opinion.recorded', payload: { opinion: 'satisfied' } }],
    ],
    [
      'escalated',
      'supervisor.planRecorded',
      '记录主管方案',
      [{ type: 'complaint.escalated', payload: { reason: '复杂' } }],
    ],
    ['closed', 'followUp.scheduled', '安排回访', CLOSED_HISTORY],
  ] as [string, EventType, string, EventDraft[]][])('%s → %s', async (_name, type, label, history) => {
    await setup(history)
    expect(next()!.dataset.action).toBe(type)
    expect(next()!.textContent).toContain(label)
    expect(q('[data-testid="next-why"]')!.textContent!.trim()).not.toBe('')
    // The suggested action is also in the grid, under its own test id, and highlighted there.
    const button = q(`[data-testid="${testid(type)}"]`)
    expect(button).not.toBeNull()
    expect(button!.classList.contains('suggested')).toBe(true)
  })

  it('highlights the first response while the complaint is new, and shows the first responder', async () => {
    await setup()
    expect(q('[data-testid="action-complaint-acknowledged"]')!.classList.contains('suggested')).toBe(true)
    expect(q('[data-testid="process-owner"]')!.textContent).toContain('大堂经理')
    expect(q('[data-testid="process-progress"] [data-milestone="responded"]')!.dataset.state).toBe('todo')
  })

  it('gives every action button large touch targets and a test id from its event type', async () => {
    await setup()
    for (const id of offered()) expect(id).toMatch(/^action-[a-z]+-[a-zA-Z]+$/)
    expect(offered()).toEqual(
      expect.arrayContaining([
        'action-complaint-acknowledged',
        'action-customer-contacted',
        'action-complaint-withdrawn',
        'action-field-corrected',
      ]),
    )
  })

  it('offers on a new complaint neither the follow-up nor the reopening nor a resume of a clock that runs', async () => {
    await setup()
    for (const type of [
      'followUp.scheduled',
      'followUp.done',
      'complaint.reopened',
      'clock.resumed',
      'supervisor.planRecorded',
      'opinion.recorded',
    ] as EventType[]) {
      expect(q(`[data-testid="${testid(type)}"]`), type).toBeNull()
    }
  })

  it('offers resume, not pause, while the clock is paused', async () => {
    await setup([{ type: 'clock.paused', payload: { reason: '司法鉴定' } }])
    expect(q('[data-testid="action-clock-resumed"]')).not.toBeNull()
    expect(q('[data-testid="action-clock-paused"]')).toBeNull()
  })

  it('offers on a closed complaint only what may follow closure', async () => {
    await setup(CLOSED_HISTORY)
    const allowed = new Set([
      'action-customer-contacted',
      'action-opinion-recorded',
      'action-followUp-scheduled',
      'action-followUp-done',
      'action-complaint-reopened',
      'action-review-requested',
      'action-field-corrected',
    ])
    expect(offered().sort()).toEqual([...allowed].sort())
  })

  it('says the procedure is over for a withdrawn complaint', async () => {
    await setup([{ type: 'complaint.withdrawn', payload: { reason: '客户撤回' } }])
    expect(next()).toBeNull()
    expect(q('[data-testid="next-why"]')!.textContent).toContain('撤回')
  })

  it('does not offer closing before the decision was told, and says why where closing would be', async () => {
    await setup([VALID])
    expect(q('[data-testid="action-complaint-closed"]')).toBeNull()
    expect(q('[data-testid="close-blocked"]')!.textContent).toContain('需先告知处理决定')
  })

  it('shows the progress of section II', async () => {
    await setup([VALID, PLAN, NOTICE])
    const state = (m: string) => q(`[data-testid="process-progress"] [data-milestone="${m}"]`)!.dataset.state
    expect([state('responded'), state('judged'), state('planned'), state('replied'), state('resolved')]).toEqual([
      'done',
      'done',
      'done',
      'done',
      'todo',
    ])
  })

  it('marks the plan as not needed for a complaint judged not valid', async () => {
    await setup([{ type: 'validity.judged', payload: { verdict: 'invalid', reason: '按规定收费' } }])
    expect(q('[data-testid="process-progress"] [data-milestone="planned"]')!.dataset.state).toBe('skip')
  })

  it('lists every contact and decision notice as proof of notice: time, channel, purpose, what the decision said, newest first', async () => {
    const later: EventDraft = {
      type: 'customer.contacted',
      payload: {
        channel: 'phone',
        purpose: 'progress',
        content: '告知正在调取录像',
        contactedAt: '2026-03-03T15:20:00+08:00',
      },
    }
    await setup([VALID, NOTICE, later])
    const items = qa('[data-testid="contact"]').map((li) => li.textContent!.replace(/\s+/g, ' '))
    expect(items).toHaveLength(2)
    expect(items[0]).toContain('2026/03/03 15:20')
    expect(items[0]).toContain('电话')
    expect(items[0]).toContain('告知进度')
    expect(items[0]).toContain('告知正在调取录像')
    expect(items[1]).toContain('短信')
    expect(items[1]).toContain('告知处理决定')
    // Art. 19: what was verified, the decision, its basis and the remedies, kept with the notice.
    expect(items[1]).toContain('扣费未事先告知')
    expect(items[1]).toContain('收费须事先告知')
    expect(items[1]).toContain('申请调解')
  })

  it('says so when the customer has not been contacted', async () => {
    await setup()
    expect(q('[data-testid="process"]')!.textContent).toContain('尚未联系客户')
  })

  it('has a title for every action in English too', async () => {
    await setup([], { locale: 'en' })
    expect(next()!.textContent).toContain('First response')
    expect(ACTIONS.length).toBeGreaterThanOrEqual(18)
  })
})
