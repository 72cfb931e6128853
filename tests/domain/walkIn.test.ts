import { describe, expect, it } from 'vitest'
import { decide } from '@/domain'
import { walkInDrafts, walkInIntake, walkInState } from '@/domain/script/walkIn'
import type { WalkIn } from '@/domain/script/walkIn'

const arrived = '2026-03-02T01:30:00.000Z'
const at = (min: number) => Date.parse(arrived) + min * 60_000
const walkIn: WalkIn = {
  id: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  name: '王芳',
  startedAt: arrived,
  steps: [
    { type: 'script.moodRecorded', payload: { phase: 'start', mood: 2 }, at: at(1) },
    { type: 'script.stepDone', payload: { step: 'isolate', checked: ['movedToRoom'] }, at: at(2) },
    {
      type: 'script.stepDone',
      payload: { step: 'calm', checked: [], notes: '挂失排队一个多小时\n无人解释原因' },
      at: at(5),
    },
    { type: 'script.stepSkipped', payload: { step: 'apologise', reason: '客户不需要' }, at: at(6) },
    {
      type: 'script.stepDone',
      payload: {
        step: 'gather',
        checked: ['realDemand'],
        notes: '无人解释原因\n窗口只开两个',
        realDemand: '希望道歉并改进高峰期安排',
        rootCause: '排班',
      },
      at: at(9),
    },
  ],
}

describe('the customer is here: a script begun with only a name', () => {
  it('shows on the script’s screens as the complaint it will become, steps in the order taken', () => {
    const s = walkInState(walkIn)
    expect(s.customer.name).toBe('王芳')
    expect(s.script.steps.calm?.status).toBe('done')
    expect(s.script.steps.apologise?.status).toBe('skipped')
    expect(s.script.moodStart).toBe(2)
    expect(s.script.realDemand).toBe('希望道歉并改进高峰期安排')
  })

  it('fills the intake from the notes: the account from the key points and questions (once each), the demand from the real demand', () => {
    expect(walkInIntake(walkIn)).toEqual({
      name: '王芳',
      description: '挂失排队一个多小时\n无人解释原因\n窗口只开两个',
      demand: '希望道歉并改进高峰期安排',
      receivedAt: arrived,
    })
    expect(walkInIntake({ ...walkIn, steps: [] })).toMatchObject({ description: '', demand: '' })
  })

  it('its steps are moves the write path accepts after the record, in order', () => {
    const drafts = walkInDrafts(walkIn)
    expect(drafts.map((d) => d.type)).toEqual([
      'script.moodRecorded',
      'script.stepDone',
      'script.stepDone',
      'script.stepSkipped',
      'script.stepDone',
    ])
    const state = walkInState({ ...walkIn, steps: [] })
    for (const d of drafts) expect(decide(state, d as never, { now: new Date(at(20)) }).ok).toBe(true)
  })
})
