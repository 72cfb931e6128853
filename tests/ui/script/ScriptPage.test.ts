import { afterEach, describe, expect, it, vi } from 'vitest'
import { complaintState } from '@/db'
import { eventsOf, openScript, teardown } from './scriptSupport'

afterEach(teardown)

/** The complaint page is a lazy route: the router moves once its module is loaded, seconds on a busy test machine. */
const LAZY_ROUTE = { timeout: 20_000 }

describe('ScriptPage', () => {
  it('opens full screen on the first step, with the timer, the rail and the exit', async () => {
    const { wrapper } = await openScript()
    expect(wrapper.find('[data-testid="script-view-isolate"]').exists()).toBe(true)
    expect(wrapper.get('[data-testid="script-step-isolate"]').attributes('aria-current')).toBe('step')
    expect(wrapper.get('[data-testid="script-customer"]').text()).toBe('王芳')
    expect(wrapper.get('[data-testid="script-timer"]').text()).toMatch(/^0:0\d$/)
    expect(wrapper.text()).toContain('第 1 / 7 步')
  })

  it('refuses to skip a step without a reason, and skips it with one', async () => {
    const { wrapper, db } = await openScript()
    await wrapper.get('[data-testid="script-skip"]').trigger('click')
    await wrapper.get('[data-testid="script-skip-confirm"]').trigger('click')
    expect(wrapper.get('[data-testid="script-skip-error"]').text()).toBe('请填写跳过的原因')
    await wrapper.get('[data-testid="script-skip-reason"]').setValue('   ')
    await wrapper.get('[data-testid="script-skip-confirm"]').trigger('click')
    expect(wrapper.find('[data-testid="script-skip-error"]').exists()).toBe(true)

    await wrapper.get('[data-testid="script-skip-reason"]').setValue('客户已在接待室')
    await wrapper.get('[data-testid="script-skip-confirm"]').trigger('click')
    await vi.waitFor(() =>
      expect(wrapper.get('[data-testid="script-step-isolate"]').attributes('data-status')).toBe('skipped'),
    )
    expect(wrapper.find('[data-testid="script-view-calm"]').exists()).toBe(true)
    // This skip went through the same write path after the refused ones: any of theirs would be stored before it.
    const skipped = await eventsOf(db, 'script.stepSkipped')
    expect(skipped.map((e) => e.payload)).toEqual([{ step: 'isolate', reason: '客户已在接待室' }])
  })

  it('records one step when 下一步 is tapped twice: the second tap does not complete the next step unread', async () => {
    const { wrapper, db } = await openScript()
    const next = wrapper.get('[data-testid="script-next"]')
    await next.trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="script-view-calm"]').exists()).toBe(true))
    // The second tap of a double tap lands on the next step's button, a moment after the first saved.
    await wrapper.get('[data-testid="script-next"]').trigger('click')
    expect(wrapper.find('[data-testid="script-view-calm"]').exists()).toBe(true)
    // Then something else is recorded through the same write path; once it is stored, a second step would be too.
    await wrapper.get('[data-testid="script-step-isolate"]').trigger('click')
    await wrapper.get('[data-testid="script-mood-3"]').trigger('click')
    await vi.waitFor(async () => expect(await eventsOf(db, 'script.moodRecorded')).toHaveLength(1))
    expect((await eventsOf(db, 'script.stepDone')).map((e) => e.payload.step)).toEqual(['isolate'])
  })

  it('records the customer mood at the start (isolate) and at the end (follow-up)', async () => {
    const { wrapper, db } = await openScript()
    await wrapper.get('[data-testid="script-mood-2"]').trigger('click')
    await vi.waitFor(async () => expect(await eventsOf(db, 'script.moodRecorded')).toHaveLength(1))
    expect(wrapper.get('[data-testid="script-mood-2"]').attributes('aria-pressed')).toBe('true')
    // A changed mind is a new event; tapping the face already chosen is not.
    await wrapper.get('[data-testid="script-mood-1"]').trigger('click')
    await vi.waitFor(async () => expect(await eventsOf(db, 'script.moodRecorded')).toHaveLength(2))
    await wrapper.get('[data-testid="script-mood-1"]').trigger('click')

    await wrapper.get('[data-testid="script-step-followUp"]').trigger('click')
    await wrapper.get('[data-testid="script-mood-4"]').trigger('click')
    await vi.waitFor(async () => expect(await eventsOf(db, 'script.moodRecorded')).toHaveLength(3))
    const moods = (await eventsOf(db, 'script.moodRecorded'))
      .sort((a, b) => a.hlc.localeCompare(b.hlc))
      .map((e) => e.payload)
    expect(moods).toEqual([
      { phase: 'start', mood: 2 },
      { phase: 'start', mood: 1 },
      { phase: 'end', mood: 4 },
    ])
    await vi.waitFor(async () =>
      expect((await complaintState(db, (await db.complaints.toArray())[0]!.id))!.script).toMatchObject({
        moodStart: 1,
        moodEnd: 4,
      }),
    )
    // The other steps have no mood scale.
    await wrapper.get('[data-testid="script-step-ask"]').trigger('click')
    expect(wrapper.find('[data-testid="script-mood-3"]').exists()).toBe(false)
  })

  it('pre-fills a revisited step from the record, and completing it again keeps both events', async () => {
    const { wrapper, db } = await openScript({
      earlier: [
        { type: 'script.stepDone', payload: { step: 'isolate', checked: ['movedToRoom'] } },
        {
          type: 'script.stepDone',
          payload: {
            step: 'calm',
            checked: ['showedUnderstanding', 'repeatedBack'],
            notes: '排队一个小时\n柜员态度冷淡',
          },
        },
        {
          type: 'script.stepDone',
          payload: { step: 'gather', checked: ['realDemand'], realDemand: '当天补卡', rootCause: '窗口太少' },
        },
      ],
    })
    // It resumes on the first step still open.
    expect(wrapper.find('[data-testid="script-view-apologise"]').exists()).toBe(true)

    await wrapper.get('[data-testid="script-step-calm"]').trigger('click')
    const checked = (item: string) =>
      (wrapper.get(`[data-testid="script-check-${item}"]`).element as HTMLInputElement).checked
    await vi.waitFor(() => expect(checked('showedUnderstanding')).toBe(true))
    expect(checked('letThemTalk')).toBe(false)
    expect(checked('repeatedBack')).toBe(true)
    expect((wrapper.get('[data-testid="script-notes"]').element as HTMLTextAreaElement).value).toBe(
      '排队一个小时\n柜员态度冷淡',
    )
    // The key points are shown back, one per line, large enough to read to the customer.
    expect(wrapper.findAll('[data-testid="script-readback"] li').map((l) => l.text())).toEqual([
      '排队一个小时',
      '柜员态度冷淡',
    ])

    await wrapper.get('[data-testid="script-step-gather"]').trigger('click')
    expect((wrapper.get('[data-testid="script-real-demand"]').element as HTMLTextAreaElement).value).toBe('当天补卡')
    expect((wrapper.get('[data-testid="script-root-cause"]').element as HTMLTextAreaElement).value).toBe('窗口太少')

    await wrapper.get('[data-testid="script-step-calm"]').trigger('click')
    await wrapper.get('[data-testid="script-check-letThemTalk"]').setValue(true)
    await wrapper.get('[data-testid="script-next"]').trigger('click')
    await vi.waitFor(async () =>
      expect((await eventsOf(db, 'script.stepDone')).filter((e) => e.payload.step === 'calm')).toHaveLength(2),
    )
    const calm = (await eventsOf(db, 'script.stepDone'))
      .filter((e) => e.payload.step === 'calm')
      .sort((a, b) => a.hlc.localeCompare(b.hlc))
    expect(calm[1]!.payload.checked).toEqual(['showedUnderstanding', 'letThemTalk', 'repeatedBack'])
    const [row] = await db.complaints.toArray()
    expect((await complaintState(db, row!.id))!.script.history.filter((h) => h.step === 'calm')).toHaveLength(2)
    // Back to the first step still open.
    await vi.waitFor(() => expect(wrapper.find('[data-testid="script-view-apologise"]').exists()).toBe(true))
  })

  it('times a resumed script from its first recorded event', async () => {
    const { wrapper } = await openScript({
      earlier: [{ type: 'script.moodRecorded', payload: { phase: 'start', mood: 2 } }],
      agoMs: 5 * 60_000 + 10_000,
    })
    await vi.waitFor(() => expect(wrapper.get('[data-testid="script-timer"]').text()).toMatch(/^5:1\d$/))
  })

  it(
    'ends on a summary of steps, moods, key points and plan, with a way back to the complaint',
    { timeout: 30_000 },
    async () => {
      const { wrapper, router, id } = await openScript({
        earlier: [
          { type: 'script.moodRecorded', payload: { phase: 'start', mood: 1 } },
          { type: 'script.stepDone', payload: { step: 'isolate', checked: ['movedToRoom', 'othersUndisturbed'] } },
          { type: 'script.stepDone', payload: { step: 'calm', checked: [], notes: '排队一个小时' } },
          { type: 'script.stepSkipped', payload: { step: 'apologise', reason: '客户不需要' } },
          {
            type: 'script.stepDone',
            payload: { step: 'propose', checked: ['tracking'], plan: '加急补卡', promisedDate: '2099-01-15' },
          },
          { type: 'script.moodRecorded', payload: { phase: 'end', mood: 4 } },
        ],
      })
      await wrapper.get('[data-testid="script-finish"]').trigger('click')
      const summary = wrapper.get('[data-testid="script-summary"]')
      expect(summary.get('[data-testid="script-summary-isolate"]').text()).toContain('完成要点 2 / 2')
      expect(summary.get('[data-testid="script-summary-apologise"]').text()).toContain('原因：客户不需要')
      expect(summary.get('[data-testid="script-summary-apologise"]').text()).toContain('已跳过')
      expect(summary.get('[data-testid="script-summary-gather"]').text()).toContain('未开始')
      expect(summary.get('[data-testid="script-summary-moodStart"]').text()).toContain('非常生气')
      expect(summary.get('[data-testid="script-summary-moodEnd"]').text()).toContain('平和')
      expect(summary.get('[data-testid="script-summary-key-points"]').text()).toContain('排队一个小时')
      expect(summary.get('[data-testid="script-summary-plan"]').text()).toBe('加急补卡')
      expect(summary.get('[data-testid="script-summary-promisedDate"]').text()).toBe('2099-01-15')
      expect(summary.text()).toContain('还有 3 个步骤未完成')
      expect(summary.get('[data-testid="script-summary-duration"]').text()).toMatch(/^\d+:\d{2}$/)
      expect(wrapper.find('[data-testid="script-next"]').exists()).toBe(false)

      expect(wrapper.find('[data-testid="script-resume"]').exists()).toBe(true)
      await wrapper.get('[data-testid="script-summary-back"]').trigger('click')
      await vi.waitFor(() => expect(router.currentRoute.value.path).toBe(`/complaints/${id}`), LAZY_ROUTE)
    },
  )

  it('leaves for the complaint page with the exit control', { timeout: 30_000 }, async () => {
    const { wrapper, router, id } = await openScript()
    await wrapper.get('[data-testid="script-exit"]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe(`/complaints/${id}`), LAZY_ROUTE)
  })

  it('keeps unsaved ticks and notes when the page is closed and opened again', async () => {
    const first = await openScript()
    await first.wrapper.get('[data-testid="script-check-movedToRoom"]').setValue(true)
    await first.wrapper.get('[data-testid="script-notes"]').setValue('接待室二')
    await vi.waitFor(
      async () =>
        expect((await first.db.drafts.get(`script-${first.id}@`))?.value).toMatchObject({
          isolate: { notes: '接待室二' },
        }),
      { timeout: 2000 },
    )
    first.wrapper.unmount()
    const { mountWithApp } = await import('../../support/mountWithApp')
    const ScriptPage = (await import('@/ui/script/ScriptPage.vue')).default
    const second = await mountWithApp(ScriptPage, {
      db: first.db,
      props: { id: first.id },
      path: `/complaints/${first.id}/script`,
    })
    await vi.waitFor(() => {
      expect((second.wrapper.get('[data-testid="script-check-movedToRoom"]').element as HTMLInputElement).checked).toBe(
        true,
      )
      expect((second.wrapper.get('[data-testid="script-notes"]').element as HTMLTextAreaElement).value).toBe('接待室二')
    })
    second.wrapper.unmount()
  })

  it.each([
    [
      'zh-CN',
      ['迅速隔离客户', '检查要点', '参考话术', '牢记原则', '完成，下一步', '跳过此步', '返回投诉', '非常生气'],
      '请您先消消气，我非常理解，我要遇到这种情况比您还着急……',
    ],
    [
      'en',
      [
        'Isolate the customer quickly',
        'Checklist',
        'What to say',
        'Remember',
        'Done, next step',
        'Skip this step',
        'Back to complaint',
        'Very angry',
      ],
      "Please don't be upset, I understand completely; in your place I would be even more anxious…",
    ],
  ] as const)('speaks %s', async (locale, texts, calmPhrase) => {
    const { wrapper } = await openScript({ locale })
    for (const text of texts) expect(wrapper.text()).toContain(text)
    expect(wrapper.text()).not.toMatch(/script\.\w/)
    await wrapper.get('[data-testid="script-step-calm"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.text()).toContain(calmPhrase))
  })
})
