import { afterEach, describe, expect, it, vi } from 'vitest'
import { chinaDate, decide, extensionLimits, fold } from '@/domain'
import { commit } from '@/db'
import {
  alerts,
  cleanUp,
  CLOSED,
  field,
  fill,
  open,
  q,
  NOTICE,
  RESOLVED,
  save,
  settle,
  setup,
  VALID,
} from './processHarness'
import type { EventDraft } from '@/domain'

const INVALID: EventDraft = { type: 'validity.judged', payload: { verdict: 'invalid', reason: '按规定收费' } }
import { eventFactory, RECORDED } from '../../support/eventFactory'

afterEach(cleanUp)

const refusalShown = (text: string) =>
  vi.waitFor(() => {
    expect(q('[data-testid="action-refusal"]')?.textContent).toContain(text)
    // …and explained in a dialog by useOutcomeFeedback.
    expect(q('.van-dialog')?.textContent).toContain(text)
  })

describe('refusals from decide() are shown, nothing is written, the input stays', () => {
  it.each([
    ['valid', VALID],
    ['not valid', INVALID],
  ] as const)(
    'does not offer to close a %s complaint whose decision the customer was not told, and says why',
    async (_name, verdict) => {
      await setup([verdict])
      expect(q('[data-testid="action-complaint-closed"]')).toBeNull()
      expect(q('[data-testid="close-blocked"]')?.textContent).toContain('需先告知处理决定')
    },
  )

  it('does not offer to close before validity is judged, and says why, in the manager’s language', async () => {
    await setup()
    expect(q('[data-testid="action-complaint-closed"]')).toBeNull()
    expect(q('[data-testid="close-blocked"]')?.textContent).toContain('需先判定是否成立')
    await cleanUp()
    await setup([], { locale: 'en' })
    expect(q('[data-testid="close-blocked"]')?.textContent).toContain('Judge validity first')
  })

  it('refuses a close whose notice vanished underneath the open sheet (written on another tablet meanwhile)', async () => {
    const { db, id, types } = await setup([VALID, NOTICE])
    await open('complaint.closed')
    // Withdrawn on another tablet (or window) while this sheet was open: the write path refuses what the panel offered.
    await commit(db, id, [{ type: 'complaint.withdrawn', payload: { reason: '客户撤回' } }])
    await fill('note', '客户已离开')
    await save()
    await refusalShown('客户已撤回投诉')
    expect(await types()).not.toContain('complaint.closed')
    expect(q('[data-testid="sheet-complaint-closed"]'), 'the sheet stays open').not.toBeNull()
    expect(field<HTMLTextAreaElement>('note').value).toBe('客户已离开')
  })

  it('refuses handling a complaint that was closed meanwhile (on another tablet, or in another window)', async () => {
    const { db, id, types } = await setup([VALID, NOTICE, RESOLVED])
    // The page still shows the resolved complaint; it is closed underneath it.
    await commit(db, id, [CLOSED])
    await open('complaint.withdrawn')
    await fill('reason', '客户撤回')
    await save()
    await refusalShown('投诉已办结，如需继续处理请先重新打开')
    expect(await types()).not.toContain('complaint.withdrawn')
    expect(field<HTMLTextAreaElement>('reason').value).toBe('客户撤回')
  })

  it('refuses handling a withdrawn complaint', async () => {
    const { db, id, types } = await setup([VALID])
    await commit(db, id, [{ type: 'complaint.withdrawn', payload: { reason: '客户撤回' } }])
    await open('complaint.resolved')
    await fill('summary', '已处理')
    await save()
    await refusalShown('客户已撤回投诉')
    expect(await types()).not.toContain('complaint.resolved')
  })

  it('refuses a second first response', async () => {
    const { db, id, types } = await setup()
    await commit(db, id, [{ type: 'complaint.acknowledged', payload: {} }])
    await open('complaint.acknowledged')
    await save()
    await refusalShown('已经做过首次响应')
    expect((await types()).filter((t) => t === 'complaint.acknowledged')).toHaveLength(1)
  })

  it('puts the write path’s field problems under the field', async () => {
    const { types } = await setup()
    await open('validity.judged')
    await fill('reason', '很'.repeat(2001))
    await save()
    await vi.waitFor(() => expect(alerts()).toContain('内容过长'))
    expect(await types()).toEqual(['complaint.recorded'])
  })
})

describe('an extension needs how and when the customer was told', () => {
  const RECENT = { receivedAt: new Date(Date.now() - 3_600_000).toISOString() }
  const inDays = (n: number) => chinaDate(new Date(Date.now() + n * 86_400_000))

  it('is blocked without the notice time, the reason or the date', async () => {
    const { types } = await setup([VALID], { recorded: RECENT })
    await open('complaint.extended')
    await fill('noticeAt', '')
    await save()
    expect(alerts().filter((a) => a === '此项必填')).toHaveLength(3)
    await fill('reason', '需调取监控录像')
    await fill('newDueDate', inDays(20))
    await save()
    expect(alerts()).toEqual(['此项必填'])
    expect(q('[data-testid="sheet-complaint-extended"] .has-error label')!.textContent).toContain('告知客户的时间')
    await settle()
    expect(await types()).not.toContain('complaint.extended')
  })

  it('is blocked with a notice time in the future', async () => {
    const { types } = await setup([VALID], { recorded: RECENT })
    await open('complaint.extended')
    await fill('reason', '需调取监控录像')
    await fill('newDueDate', inDays(20))
    await fill('noticeAt', `${inDays(2)}T10:00`)
    await save()
    expect(alerts()).toEqual(['时间不能晚于现在'])
    await settle()
    expect(await types()).not.toContain('complaint.extended')
  })

  it('is blocked with a date that is not after today', async () => {
    const { types } = await setup([VALID], { recorded: RECENT })
    await open('complaint.extended')
    await fill('reason', '需调取监控录像')
    await fill('newDueDate', inDays(0))
    await save()
    expect(alerts()).toEqual(['日期应晚于今天'])
    await settle()
    expect(await types()).not.toContain('complaint.extended')
  })

  it('is blocked with a date that does not go past the reply date in force', async () => {
    const { types, state } = await setup([VALID], { recorded: RECENT })
    // 15 days on, or later when that day is not a working day (the rule's periods end on working days).
    const inForce = extensionLimits(state, { now: new Date() }).replyDue
    expect(inForce >= inDays(15)).toBe(true)
    await open('complaint.extended')
    await fill('reason', '需调取监控录像')
    await fill('newDueDate', inDays(10))
    await save()
    expect(alerts()).toEqual([`现答复期限为 ${inForce}，延长后的日期须晚于此日`])
    await settle()
    expect(await types()).not.toContain('complaint.extended')
  })

  it('is refused by decide() for a date that is not after today (not merely after the receipt)', () => {
    const f = eventFactory()
    const state = fold([f.make({ type: 'complaint.recorded', payload: RECORDED })])!
    // Deciding on 5 March a complaint received on 2 March.
    const extend = (newDueDate: string) =>
      decide(
        state,
        {
          type: 'complaint.extended',
          payload: { reason: '复杂', newDueDate, noticeChannel: 'sms', noticeAt: '2026-03-05T12:00:00+08:00' },
        },
        { now: new Date('2026-03-05T06:00:00Z') },
      )
    expect(extend('2026-03-03')).toEqual({ ok: false, refusal: 'extensionBeforeToday' })
    expect(extend('2026-03-05')).toEqual({ ok: false, refusal: 'extensionBeforeToday' })
    // After today but not after the reply date in force (15 days from receipt): that is no extension.
    expect(extend('2026-03-06')).toEqual({ ok: false, refusal: 'extensionNotLater' })
    expect(extend('2026-03-17')).toEqual({ ok: false, refusal: 'extensionNotLater' })
    expect(extend('2026-03-18')).toMatchObject({ ok: true })
  })
})
