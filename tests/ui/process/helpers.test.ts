import { describe, expect, it } from 'vitest'
import { DEFAULT_SMS_TEMPLATES, fold } from '@/domain'
import type { EventDraft } from '@/domain'
import { correctionProblem, correctionText, correctionValue } from '@/domain/complaint/correctionInput'
import { processProgress } from '@/domain/complaint/progress'
import { composeSms, mergeSmsTemplates, smsDate, unfilledPlaceholders, withSavedTemplates } from '@/domain/complaint/smsCompose'
import { eventFactory, RECORDED } from '../../support/eventFactory'

/** The pure helpers the process builds on (src/domain, no Vue). */
function state(...drafts: EventDraft[]) {
  const f = eventFactory()
  return fold([{ type: 'complaint.recorded', payload: RECORDED } as EventDraft, ...drafts].map((d) => f.make(d)))!
}

describe('SMS composition', () => {
  it('lays saved edits over the built-in templates and ignores junk', () => {
    const saved = { 'zh-CN': [{ id: 'reply', text: '新的 {name}' }, { id: 'nope', text: 'x' }, { id: 'progress', text: '  ' }], en: 'garbage' }
    const zh = mergeSmsTemplates(saved, 'zh-CN')
    expect(zh.map((t) => t.id)).toEqual(['reply', 'progress', 'extensionNotice', 'followUp'])
    expect(zh[0]!.text).toBe('新的 {name}')
    expect(zh[1]).toEqual(DEFAULT_SMS_TEMPLATES['zh-CN'][1])
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
    const text = composeSms(s, DEFAULT_SMS_TEMPLATES['zh-CN'][0]!, 'zh-CN')
    expect(text).toContain('王芳您好，关于您2026年3月2日反映的问题')
    expect(unfilledPlaceholders(text)).toEqual(['{result}'])
    const resolved = state({ type: 'complaint.resolved', payload: { summary: '已退费' } })
    expect(unfilledPlaceholders(composeSms(resolved, DEFAULT_SMS_TEMPLATES['zh-CN'][0]!, 'zh-CN'))).toEqual([])
  })

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
      { type: 'customer.contacted', payload: { channel: 'sms', purpose: 'reply', content: 'x', contactedAt: '2026-03-02T10:00:00+08:00' } },
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
