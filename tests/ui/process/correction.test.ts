import { afterEach, describe, expect, it, vi } from 'vitest'
import { toChinaLocalInput } from '@/domain'
import { alerts, choose, cleanUp, field, fill, open, q, qa, save, settle, setup, tap } from './processHarness'

afterEach(cleanUp)

const current = () => q('[data-testid="correction-current"]')!.textContent

describe('correct a recorded field', () => {
  it('starts from what the record says, requires a reason and a change, and writes the correction', async () => {
    const { types, written } = await setup()
    await open('field.corrected')
    expect(field('value').value).toBe('王芳')
    expect(current()).toContain('王芳')
    await save()
    expect(alerts()).toEqual(['与当前登记的内容相同', '此项必填'])
    await settle()
    expect(await types()).not.toContain('field.corrected')
    await fill('value', '王芳芳')
    await fill('reason', '笔误')
    await save()
    expect(await written('field.corrected')).toEqual({ field: 'customer.name', value: '王芳芳', reason: '笔误' })
  })

  it('asks yes or no for a consent and writes a boolean', async () => {
    const { written } = await setup()
    await open('field.corrected')
    await choose('field', 'customer.consentSms')
    expect(q<HTMLInputElement>('[data-testid="action-field-value-true"]')!.checked).toBe(true)
    await choose('value', 'false')
    await fill('reason', '客户改变主意，不再接收短信')
    await save()
    expect(await written('field.corrected')).toEqual({
      field: 'customer.consentSms',
      value: false,
      reason: '客户改变主意，不再接收短信',
    })
  })

  it('offers the intake channels by name', async () => {
    const { written } = await setup()
    await open('field.corrected')
    await choose('field', 'channel')
    expect(q('[data-testid="sheet-field-corrected"]')!.textContent).toContain('信函')
    await choose('value', 'phone')
    await fill('reason', '实为电话投诉')
    await save()
    expect(await written('field.corrected')).toMatchObject({ field: 'channel', value: 'phone' })
  })

  it('corrects a dimension of the JR/T 0169 classification with the picker, found by word, and no longer the old category', async () => {
    const { written } = await setup()
    await open('field.corrected')
    expect(q('[data-testid="action-field-field-category"]')).toBeNull()
    await choose('field', 'codes.B')
    expect(current()).toBe('当前：—')
    const search = q<HTMLInputElement>('[data-testid="picker-B-search"]')!
    search.value = '信用'
    search.dispatchEvent(new Event('input'))
    await settle()
    expect(
      qa('[data-testid="picker-B"] .results .chip').map((c) => c.textContent?.replace(/\s+/g, ' ').trim()),
    ).toEqual(['银行卡 › 信用卡 B03P2'])
    await tap('code-B03P2')
    expect(q('[data-testid="picker-B-chosen"]')!.textContent).toContain('银行卡 › 信用卡')
    await fill('reason', '核实为信用卡年费')
    await save()
    expect(await written('field.corrected')).toEqual({ field: 'codes.B', value: 'B03P2', reason: '核实为信用卡年费' })
  })

  it('checks a phone number and removes it when emptied', async () => {
    const { written, types } = await setup()
    await open('field.corrected')
    await choose('field', 'customer.phone')
    expect(field('value').value).toBe('13812345678')
    await fill('value', '12345')
    await fill('reason', '号码记错')
    await save()
    expect(alerts()).toEqual(['请输入有效的手机号（11位）或座机号（含区号）'])
    await settle()
    expect(await types()).not.toContain('field.corrected')
    await fill('value', '')
    await save()
    expect(await written('field.corrected')).toEqual({ field: 'customer.phone', value: null, reason: '号码记错' })
  })

  it('takes the time received in China time, never in the future', async () => {
    const { written } = await setup()
    await open('field.corrected')
    await choose('field', 'receivedAt')
    expect(field('value').value).toBe('2026-03-02T09:30')
    await fill('value', toChinaLocalInput(new Date(Date.now() + 86_400_000)))
    await fill('reason', '时间填错')
    await save()
    expect(alerts()).toEqual(['受理时间不能晚于现在'])
    await fill('value', '2026-03-02T08:50')
    await save()
    expect(await written('field.corrected')).toEqual({
      field: 'receivedAt',
      value: '2026-03-02T00:50:00.000Z',
      reason: '时间填错',
    })
  })

  it('after the first deadline, moves the receipt only earlier: a later time would move deadlines already passed', async () => {
    const { types } = await setup()
    await open('field.corrected')
    await choose('field', 'receivedAt')
    await fill('value', '2026-03-02T10:30')
    await fill('reason', '时间填错')
    await save()
    await vi.waitFor(() =>
      expect(q('[data-testid="action-refusal"]')?.textContent).toContain('受理时间只能更正为更早的时间'),
    )
    expect(await types()).not.toContain('field.corrected')
  })

  it('takes a group size of at least two', async () => {
    const { written } = await setup()
    await open('field.corrected')
    await choose('field', 'groupSize')
    await fill('value', '1')
    await fill('reason', '实为群体投诉')
    await save()
    expect(alerts()).toEqual(['群体投诉至少 2 人'])
    await fill('value', '25')
    await save()
    expect(await written('field.corrected')).toMatchObject({ field: 'groupSize', value: 25 })
  })
})
