import { afterEach, describe, expect, it, vi } from 'vitest'
import { SCRIPT_STEPS, stepGuide } from '@/domain'
import type { ScriptStep } from '@/domain'
import { eventsOf, openScript, teardown } from './scriptSupport'

afterEach(teardown)

interface StepCase {
  step: ScriptStep
  /** Phrases the procedure gives for the step, in its own words (procedure.zh.txt). */
  phrases: string[]
  /** Text of the principle reminder shown on the step. */
  reminder: string[]
  /** Test id → value typed in; the payload field it lands in. */
  fields: Record<string, [string, 'realDemand' | 'rootCause' | 'plan' | 'promisedDate']>
  notes: string
}

const CASES: StepCase[] = [
  {
    step: 'isolate',
    phrases: ['这里人多说话不方便，请您到接待室坐下来慢慢说，好吗？'],
    reminder: ['真诚', '高效性', '客户当众投诉抱怨的传播力会非常强'],
    fields: {},
    notes: '已到贵宾接待室',
  },
  {
    step: 'calm',
    phrases: ['请您先消消气，我非常理解，我要遇到这种情况比您还着急……', '您说的是……这个意思吗？'],
    reminder: ['不争论', '理解', '争论对于沟通和协调毫无裨益'],
    fields: {},
    notes: '排队一个小时\n没人解释原因',
  },
  {
    step: 'apologise',
    phrases: ['不好意思！', '抱歉 / 非常抱歉！', '对不起！', '请您原谅！'],
    reminder: ['真诚', '尊重', '不要责怪出现错误的同事，更加不要责怪行里规章制度。'],
    fields: {},
    notes: '客户接受道歉',
  },
  {
    step: 'gather',
    phrases: ['您能具体说说当时的经过吗？', '这是哪一天、在哪里办理的业务？'],
    reminder: ['敏感性', '难言之隐'],
    fields: {
      'script-real-demand': ['希望挂失当天补卡', 'realDemand'],
      'script-root-cause': ['挂失窗口只开一个', 'rootCause'],
    },
    notes: '卡号尾号 1234',
  },
  {
    step: 'propose',
    phrases: ['针对您的问题，我们会这样处理：……', '我们会在……之前给您答复，处理过程中随时告知您进度。'],
    reminder: ['双赢', '不要踢皮球'],
    fields: {
      'script-plan': ['今天加急补卡，明天上午取卡', 'plan'],
      'script-promised-date': ['2099-01-15', 'promisedDate'],
    },
    notes: '',
  },
  {
    step: 'ask',
    phrases: ['您希望怎样解决？', '您希望我们怎么做？', '您希望我们怎么样帮您？'],
    reminder: ['尊重', '双赢', '不是无条件的、无限制地满足'],
    fields: {},
    notes: '客户同意',
  },
  {
    step: 'followUp',
    phrases: ['处理过程中我们会随时和您联系，告知您处理进度。'],
    reminder: ['高效性', '不得让客户带怨气离开。'],
    fields: {},
    notes: '明天电话回访',
  },
]

describe.each(CASES)('script step $step', (c) => {
  it('shows its checklist, phrases and principles, and completing it writes script.stepDone with what was ticked and typed', async () => {
    const { wrapper, db } = await openScript()
    await wrapper.get(`[data-testid="script-step-${c.step}"]`).trigger('click')
    await vi.waitFor(() => wrapper.get(`[data-testid="script-view-${c.step}"]`))
    const view = wrapper.get(`[data-testid="script-view-${c.step}"]`)

    const guide = stepGuide(c.step)
    for (const item of guide.checklist) expect(view.find(`[data-testid="script-check-${item}"]`).exists()).toBe(true)
    for (const phrase of c.phrases) expect(view.text()).toContain(phrase)
    const reminder = `${view.get('[data-testid="script-principles"]').text()} ${view.get('[data-testid="script-caution"]').text()}`
    for (const r of c.reminder) expect(reminder).toContain(r)

    // Tick all but the second item (so the payload is shown to carry exactly what was ticked, in checklist order).
    const ticked = guide.checklist.filter((_, i) => i !== 1)
    for (const item of [...ticked].reverse()) await view.get(`[data-testid="script-check-${item}"]`).setValue(true)
    for (const [testId, [value]] of Object.entries(c.fields))
      await view.get(`[data-testid="${testId}"]`).setValue(value)
    if (c.notes) await view.get('[data-testid="script-notes"]').setValue(c.notes)
    // Fields of other steps are not shown here.
    const own = new Set(Object.keys(c.fields))
    for (const other of ['script-real-demand', 'script-root-cause', 'script-plan', 'script-promised-date']) {
      if (!own.has(other)) expect(view.find(`[data-testid="${other}"]`).exists()).toBe(false)
    }

    await wrapper.get('[data-testid="script-next"]').trigger('click')
    await vi.waitFor(async () => expect(await eventsOf(db, 'script.stepDone')).toHaveLength(1))
    const [done] = await eventsOf(db, 'script.stepDone')
    const expected: Record<string, unknown> = { step: c.step, checked: ticked }
    for (const [value, key] of Object.values(c.fields)) expected[key] = value
    if (c.notes) expected.notes = c.notes
    expect(done!.payload).toEqual(expected)

    // The step is marked done on the rail and the script moves on to the next open step (after the last: the summary).
    await vi.waitFor(() =>
      expect(wrapper.get(`[data-testid="script-step-${c.step}"]`).attributes('data-status')).toBe('done'),
    )
    const following = SCRIPT_STEPS[SCRIPT_STEPS.indexOf(c.step) + 1]
    if (following) expect(wrapper.find(`[data-testid="script-view-${following}"]`).exists()).toBe(true)
    else expect(wrapper.find('[data-testid="script-summary"]').exists()).toBe(true)
  })
})
