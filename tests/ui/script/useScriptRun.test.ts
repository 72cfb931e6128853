import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { fold, newId, SCRIPT_STEPS, stepGuide } from '@/domain'
import type { EventDraft } from '@/domain'
import { commit, ComplaintDb } from '@/db'
import { hasSkipReason, moodPhaseOf, useScriptRun, viewAfter, withChecked } from '@/ui/script/useScriptRun'
import { eventFactory, RECORDED } from '../../support/eventFactory'
import { mountWithApp } from '../../support/mountWithApp'
import { eventsOf } from './scriptSupport'

/** The complaint's state once `steps` are recorded after it. */
function stateAfter(steps: EventDraft[]) {
  const f = eventFactory()
  return fold([f.make({ type: 'complaint.recorded', payload: RECORDED }), ...steps.map((d) => f.make(d))])!
}
const done = (step: (typeof SCRIPT_STEPS)[number]): EventDraft => ({
  type: 'script.stepDone',
  payload: { step, checked: [] },
})

describe('viewAfter', () => {
  it('goes to the next step still open, skipping those already recorded', () => {
    expect(viewAfter('isolate', stateAfter([done('isolate')]))).toBe('calm')
    expect(viewAfter('isolate', stateAfter([done('isolate'), done('calm'), done('apologise')]))).toBe('gather')
  })

  it('goes back to the first step still open when none is open after it', () => {
    expect(viewAfter('ask', stateAfter([done('isolate'), done('ask'), done('followUp')]))).toBe('calm')
  })

  it('ends on the summary after the last step, even with earlier steps open, and when all are recorded', () => {
    expect(viewAfter('followUp', stateAfter([done('followUp')]))).toBe('summary')
    expect(viewAfter('gather', stateAfter(SCRIPT_STEPS.map(done)))).toBe('summary')
  })
})

describe('the step inputs', () => {
  it('show the mood scale at the start (isolate) and at the end (follow-up) only', () => {
    expect(SCRIPT_STEPS.map((s) => moodPhaseOf(stepGuide(s)))).toEqual(['start', null, null, null, null, null, 'end'])
    expect(moodPhaseOf(null)).toBeNull()
  })

  it('tick each item once and untick it', () => {
    expect(withChecked(['a'], 'b', true)).toEqual(['a', 'b'])
    expect(withChecked(['a', 'b'], 'a', true)).toEqual(['a', 'b'])
    expect(withChecked(['a', 'b'], 'a', false)).toEqual(['b'])
  })

  it('take no blank reason for a skip', () => {
    expect(hasSkipReason('')).toBe(false)
    expect(hasSkipReason(' \n ')).toBe(false)
    expect(hasSkipReason('客户已在接待室')).toBe(true)
  })
})

describe('useScriptRun', () => {
  let db: ComplaintDb | undefined
  afterEach(async () => {
    document.body.innerHTML = ''
    await db?.delete()
  })

  it('skips a step only with a reason, through the one write path, and moves on to the next step', async () => {
    db = new ComplaintDb(`ui-script-run-${newId()}`)
    const id = newId()
    await commit(db, id, [{ type: 'complaint.recorded', payload: RECORDED }])
    let run!: ReturnType<typeof useScriptRun>
    const moves = vi.fn()
    const Host = defineComponent({ setup: () => ((run = useScriptRun({ id }, moves)), () => h('div')) })
    const { wrapper } = await mountWithApp(Host, { db, path: `/complaints/${id}/script` })
    await vi.waitFor(() => expect(run.view.value).toBe('isolate'))

    await run.skip('   ')
    expect(await eventsOf(db, 'script.stepSkipped')).toHaveLength(0)
    expect(run.view.value).toBe('isolate')

    await run.skip('客户已在接待室')
    expect((await eventsOf(db, 'script.stepSkipped')).map((e) => e.payload)).toEqual([
      { step: 'isolate', reason: '客户已在接待室' },
    ])
    expect(run.view.value).toBe('calm')
    expect(moves).toHaveBeenCalledTimes(1)
    wrapper.unmount()
  })
})
