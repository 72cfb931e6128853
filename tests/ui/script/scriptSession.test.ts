import { describe, expect, it } from 'vitest'
import { fold, SCRIPT_GUIDE, SCRIPT_STEPS } from '@/domain'
import {
  draftFromState,
  firstPendingStep,
  keyPointLines,
  scriptSpan,
  stepDonePayload,
} from '@/domain/script/scriptSession'
import type { StepDraft } from '@/domain/script/scriptSession'
import { createTestI18n } from '../../support/testI18n'
import { scriptMessages } from '@/ui/script/messages'
import { eventFactory, RECORDED } from '../../support/eventFactory'

const empty: StepDraft = { checked: [], notes: '', realDemand: '', rootCause: '', plan: '', promisedDate: '' }

describe('stepDonePayload', () => {
  it('keeps ticked items in checklist order and only the fields the step captures', () => {
    const draft = {
      ...empty,
      checked: ['tracking', 'whoseProblem', 'unknown'],
      notes: '  ',
      realDemand: '补卡',
      plan: ' 加急 ',
      promisedDate: '2099-01-15',
    }
    expect(stepDonePayload('propose', draft)).toEqual({
      step: 'propose',
      checked: ['whoseProblem', 'tracking'],
      plan: '加急',
      promisedDate: '2099-01-15',
    })
    expect(stepDonePayload('calm', { ...draft, notes: '要点' })).toEqual({ step: 'calm', checked: [], notes: '要点' })
  })
})

describe('draftFromState and firstPendingStep', () => {
  it('pre-fill from the folded record and find where to resume', () => {
    const f = eventFactory()
    const state = fold([
      f.make({ type: 'complaint.recorded', payload: RECORDED }),
      f.make({ type: 'script.stepDone', payload: { step: 'isolate', checked: ['movedToRoom'], notes: 'A' } }),
      f.make({ type: 'script.stepSkipped', payload: { step: 'calm', reason: 'x' } }),
      f.make({ type: 'script.stepDone', payload: { step: 'gather', checked: [], realDemand: '补卡' } }),
    ])!
    expect(draftFromState(state.script, 'isolate')).toEqual({
      ...empty,
      checked: ['movedToRoom'],
      notes: 'A',
      realDemand: '补卡',
    })
    expect(draftFromState(state.script, 'calm').checked).toEqual([])
    expect(firstPendingStep(state.script)).toBe('apologise')
    expect(firstPendingStep(undefined)).toBe('isolate')
  })

  it('span the script events only', () => {
    const f = eventFactory({ start: 1_000_000 })
    const events = [
      f.make({ type: 'complaint.recorded', payload: RECORDED }, { wall: 1_000_000 }),
      f.make({ type: 'script.moodRecorded', payload: { phase: 'start', mood: 2 } }, { wall: 2_000_000 }),
      f.make({ type: 'note.added', payload: { text: 'n' } }, { wall: 9_000_000 }),
      f.make({ type: 'script.stepDone', payload: { step: 'isolate', checked: [] } }, { wall: 3_000_000 }),
    ]
    expect(scriptSpan(events)).toEqual({ first: 2_000_000, last: 3_000_000 })
    expect(scriptSpan(events.slice(0, 1))).toBeNull()
  })

  it('read key points one per line', () => {
    expect(keyPointLines(' 一 \r\n\n二\n')).toEqual(['一', '二'])
  })
})

type Tree = { [k: string]: string | Tree }
function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree)
    .flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)))
    .sort()
}

describe('script messages', () => {
  it('have the same keys in Chinese and English', () => {
    expect(keys(scriptMessages.en as Tree)).toEqual(keys(scriptMessages['zh-CN'] as Tree))
  })

  it.each(['zh-CN', 'en'] as const)(
    'cover every step, checklist item, phrase and principle of the guide in %s',
    (locale) => {
      const { global } = createTestI18n(locale)
      for (const g of SCRIPT_GUIDE) {
        for (const k of ['title', 'short', 'purpose', 'caution'])
          expect(global.te(`script.steps.${g.step}.${k}`, locale)).toBe(true)
        for (const c of g.checklist) expect(global.te(`script.steps.${g.step}.checklist.${c}`, locale), c).toBe(true)
        for (const p of g.phrases) expect(global.te(`script.steps.${g.step}.phrases.${p}`, locale), p).toBe(true)
        for (const p of g.principles) expect(global.te(`script.principles.items.${p}.title`, locale), p).toBe(true)
      }
      expect(SCRIPT_GUIDE.map((g) => g.step)).toEqual([...SCRIPT_STEPS])
    },
  )

  it('quote the procedure word for word in Chinese', () => {
    const zh = scriptMessages['zh-CN'].script.steps
    expect(zh.calm.phrases.calmDown).toBe('请您先消消气，我非常理解，我要遇到这种情况比您还着急……')
    expect(zh.calm.phrases.doYouMean).toBe('您说的是……这个意思吗？')
    expect(Object.values(zh.apologise.phrases)).toEqual(['不好意思！', '抱歉 / 非常抱歉！', '对不起！', '请您原谅！'])
    expect(Object.values(zh.ask.phrases).slice(0, 3)).toEqual([
      '您希望怎样解决？',
      '您希望我们怎么做？',
      '您希望我们怎么样帮您？',
    ])
    expect(zh.apologise.caution).toBe('不要责怪出现错误的同事，更加不要责怪行里规章制度。')
  })
})
