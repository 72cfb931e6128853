import { describe, expect, it } from 'vitest'
import { branchInputSchema, newStaffSchema, resolveSettings, smsTemplatesSchema, staffChangeSchema } from '@/domain'
import { bankSmsTemplates, mergeSmsTemplates, withSavedTemplates } from '@/domain/complaint/smsCompose'

const codes = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.success ? [] : r.error!.issues.map((i) => `${i.path.join('.')}:${i.message}`)

describe('what an administrator may set', () => {
  it('a branch: a name and a short code in capitals', () => {
    expect(branchInputSchema.parse({ name: ' 解放路支行 ', code: ' jf2 ' })).toEqual({
      name: '解放路支行',
      code: 'JF2',
    })
    expect(codes(branchInputSchema.safeParse({ name: '', code: 'J' }))).toEqual(['name:required', 'code:branchCode'])
    expect(codes(branchInputSchema.safeParse({ name: 'x', code: 'ABCDEFG' }))).toEqual(['code:branchCode'])
  })

  it('a staff account: a home branch for all but administrators, covered branches for supervisors only', () => {
    expect(newStaffSchema.parse({ username: 'Chen', name: '陈静', role: 'manager', branchId: 'b1' })).toEqual({
      username: 'chen',
      name: '陈静',
      role: 'manager',
      branchId: 'b1',
      coveredBranchIds: [],
      approvalLevel: 'none',
    })
    expect(codes(newStaffSchema.safeParse({ username: 'x', name: '陈静', role: 'manager', branchId: 'b1' }))).toEqual([
      'username:username',
    ])
    expect(codes(staffChangeSchema.safeParse({ name: '陈静', role: 'supervisor', branchId: null }))).toEqual([
      'branchId:branchRequired',
    ])
    expect(
      codes(staffChangeSchema.safeParse({ name: '陈静', role: 'admin', branchId: null, coveredBranchIds: ['b1'] })),
    ).toEqual(['coveredBranchIds:onlySupervisorsCover'])
    expect(
      staffChangeSchema.safeParse({ name: '赵敏', role: 'supervisor', branchId: 'b1', coveredBranchIds: ['b2', 'b3'] })
        .success,
    ).toBe(true)
    // A superior office's approval (past 30 days) is given to a supervisor, never to a lobby manager.
    expect(
      staffChangeSchema.safeParse({ name: '钱立', role: 'supervisor', branchId: 'b1', approvalLevel: 'superior' })
        .success,
    ).toBe(true)
    expect(
      codes(staffChangeSchema.safeParse({ name: '陈静', role: 'manager', branchId: 'b1', approvalLevel: 'superior' })),
    ).toEqual(['approvalLevel:onlySupervisorsApprove'])
  })
})

describe('the bank’s SMS wording, set centrally', () => {
  it('accepts only placeholders the tablet can fill, once per template', () => {
    expect(codes(smsTemplatesSchema.safeParse({ 'zh-CN': [{ id: 'progress', text: '{name}：{amount}' }] }))).toEqual([
      'zh-CN.0.text:unknownPlaceholder',
    ])
    expect(
      codes(
        smsTemplatesSchema.safeParse({
          en: [
            { id: 'progress', text: 'a' },
            { id: 'progress', text: 'b' },
          ],
        }),
      ),
    ).toEqual(['en:duplicate'])
    expect(smsTemplatesSchema.parse({ en: [{ id: 'followUp', text: 'Dear {name}' }] })).toEqual({
      'zh-CN': [],
      en: [{ id: 'followUp', text: 'Dear {name}' }],
    })
  })

  it('lies between the built-in text and the manager’s own edits', () => {
    const central = resolveSettings({ sms: { 'zh-CN': [{ id: 'progress', text: '本行：{result}' }] } }).sms
    expect(bankSmsTemplates(central, 'zh-CN').find((x) => x.id === 'progress')).toEqual({
      id: 'progress',
      text: '本行：{result}',
    })
    expect(bankSmsTemplates(central, 'en')[0]!.text).toContain('Dear {name}')
    // The manager's own edit wins; saving the bank's text again stores no edit.
    expect(
      mergeSmsTemplates({ 'zh-CN': [{ id: 'progress', text: '我的：{result}' }] }, 'zh-CN', central).find(
        (x) => x.id === 'progress',
      )!.text,
    ).toBe('我的：{result}')
    expect(withSavedTemplates(null, 'zh-CN', bankSmsTemplates(central, 'zh-CN'), central)).toEqual({ 'zh-CN': [] })
    // Something this version cannot read counts as not set.
    expect(resolveSettings({ sms: { 'zh-CN': 'nonsense' } }).sms).toBeNull()
  })
})
