import { describe, expect, it } from 'vitest'
import { DEFAULT_SMS_TEMPLATES, fold } from '@/domain'
import type { EventDraft } from '@/domain'
import { correctionProblem, correctionText, correctionValue } from '@/domain/complaint/correctionInput'
import { processProgress } from '@/domain/complaint/progress'
import {
  composeSms,
  mergeSmsTemplates,
  smsDate,
  unfilledPlaceholders,
  withSavedTemplates,
} from '@/domain/complaint/smsCompose'
import { eventFactory, RECORDED } from '../support/eventFactory'

/** The pure helpers the process builds on (src/domain, no Vue). */
function state(...drafts: EventDraft[]) {
  const f = eventFactory()
  return fold([{ type: 'complaint.recorded', payload: RECORDED } as EventDraft, ...drafts].map((d) => f.make(d)))!
}

describe('SMS composition', () => {
  it('lays saved edits over the built-in templates and ignores junk, and an old "reply" edit that lacked what Art. 19 asks', () => {
    const saved = {
      'zh-CN': [
        { id: 'acknowledgement', text: '新的 {name}' },
        { id: 'reply', text: '旧的答复 {result}' },
        { id: 'progress', text: '  ' },
      ],
      en: 'garbage',
    }
    const zh = mergeSmsTemplates(saved, 'zh-CN')
    expect(zh.map((t) => t.id)).toEqual([
      'decision',
      'reviewDecision',
      'acknowledgement',
      'progress',
      'extensionNotice',
      'followUp',
    ])
    expect(zh[2]!.text).toBe('新的 {name}')
    expect(zh[3]).toEqual(DEFAULT_SMS_TEMPLATES['zh-CN'][3])
    expect(mergeSmsTemplates(saved, 'en')).toEqual(DEFAULT_SMS_TEMPLATES.en)
    expect(mergeSmsTemplates(undefined, 'en')).toEqual(DEFAULT_SMS_TEMPLATES.en)
  })

  it('stores only the templates that differ from the defaults, keeping the other language', () => {
    const next = DEFAULT_SMS_TEMPLATES.en.map((t) => (t.id === 'followUp' ? { ...t, text: 'Hi {name}' } : t))
    expect(withSavedTemplates({ 'zh-CN': [{ id: 'reply', text: '你好' }] }, 'en', next)).toEqual({
      'zh-CN': [{ id: 'reply', text: '你好' }],
      en: [{ id: 'followUp', text: 'Hi {name}' }],
    })
  })

  it('fills what the complaint knows and leaves the rest visible', () => {
    const s = state()
    const progress = DEFAULT_SMS_TEMPLATES['zh-CN'].find((t) => t.id === 'progress')!
    const text = composeSms(s, progress, 'zh-CN')
    expect(text).toContain('王芳您好，您2026年3月2日反映的问题')
    expect(unfilledPlaceholders(text)).toEqual(['{result}'])
    const resolved = state({ type: 'complaint.resolved', payload: { summary: '已退费' } })
    expect(unfilledPlaceholders(composeSms(resolved, progress, 'zh-CN'))).toEqual([])
  })

  it.each(['zh-CN', 'en'] as const)(
    'carries in the %s decision notice what was verified, the decision, its basis and every remedy (Art. 19)',
    (locale) => {
      const decision = DEFAULT_SMS_TEMPLATES[locale].find((t) => t.id === 'decision')!
      const text = composeSms(state(), decision, locale, {
        findings: 'F',
        decision: 'D',
        basis: 'B',
        reviewBy: '2026-04-01',
      })
      expect(unfilledPlaceholders(text)).toEqual([])
      for (const words of locale === 'zh-CN'
        ? ['F', 'D', 'B', '2026年4月1日前向我行申请核查', '调解', '仲裁', '诉讼']
        : ['F', 'D', 'B', 'review it by 2026-04-01', 'mediation', 'arbitration', 'litigation']) {
        expect(text).toContain(words)
      }
      // Without the form's words the notice cannot go out: the blanks stay visible.
      expect(unfilledPlaceholders(composeSms(state(), decision, locale))).toEqual([
        '{findings}',
        '{decision}',
        '{basis}',
        '{reviewBy}',
      ])
    },
  )

  it('writes dates the way a customer reads them', () => {
    expect(smsDate('2026-03-02', 'zh-CN')).toBe('2026年3月2日')
    expect(smsDate('2026-03-02', 'en')).toBe('2026-03-02')
  })
})

describe('progress through section II', () => {
  it('starts with nothing done and ends with everything done', () => {
    expect(processProgress(state()).every((p) => p.state === 'todo')).toBe(true)
    const done = state(
      { type: 'validity.judged', payload: { verdict: 'valid', reason: '属实' } },
      { type: 'plan.proposed', payload: { cause: 'c', plan: 'p', responsible: { staffId: 's', staffName: 'n' } } },
      {
        type: 'decision.notified',
        payload: {
          channel: 'sms',
          notifiedAt: '2026-03-02T10:00:00+08:00',
          decision: 'd',
          findings: 'f',
          basis: 'b',
          remedies: ['review', 'mediation', 'arbitration', 'litigation'],
          content: 'x',
        },
      },
      { type: 'complaint.resolved', payload: { summary: 's' } },
      { type: 'opinion.recorded', payload: { opinion: 'satisfied' } },
      { type: 'complaint.closed', payload: {} },
      { type: 'followUp.done', payload: { channel: 'phone', content: 'ok' } },
    )
    expect(processProgress(done).map((p) => p.state)).toEqual(Array(8).fill('done'))
  })
})

describe('correction input', () => {
  const s = state()
  const now = new Date('2026-03-05T00:00:00Z')
  it('shows the current value and turns text back into the field’s type', () => {
    expect(correctionText(s, 'customerPresent')).toBe('true')
    expect(correctionText(s, 'receivedAt')).toBe('2026-03-02T09:30')
    expect(correctionValue('customerPresent', 'false')).toBe(false)
    expect(correctionValue('groupSize', '')).toBeNull()
    expect(correctionValue('customer.phone', '138 1234 5679')).toBe('13812345679')
    expect(correctionValue('demand', '  ')).toBeNull()
  })
  it('names what is wrong', () => {
    expect(correctionProblem(s, 'customer.name', '', now)).toBe('required')
    expect(correctionProblem(s, 'customer.name', '王芳', now)).toBe('unchanged')
    expect(correctionProblem(s, 'groupSize', '2.5', now)).toBe('invalidNumber')
    expect(correctionProblem(s, 'receivedAt', '2026-03-06T09:00', now)).toBe('receivedInFuture')
    expect(correctionProblem(s, 'demand', '', now)).toBeNull()
  })
})
