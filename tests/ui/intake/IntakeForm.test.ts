import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { complaintState } from '@/db'
import IntakeForm from '@/ui/intake/IntakeForm.vue'
import { mountWithApp } from '../../support/mountWithApp'

let cleanup: (() => Promise<void>) | null = null
afterEach(async () => {
  await cleanup?.()
  document.body.innerHTML = ''
})

async function setup(locale: 'zh-CN' | 'en' = 'zh-CN') {
  const app = await mountWithApp(IntakeForm, { locale, path: '/complaints/new' })
  cleanup = async () => {
    app.wrapper.unmount()
    await app.db.delete()
  }
  return app
}

describe('IntakeForm', () => {
  it.each([
    ['zh-CN', '此项必填'],
    ['en', 'Required'],
  ] as const)('says in %s which required fields are missing, and saves nothing', async (locale, required) => {
    const { wrapper, db } = await setup(locale)
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    const errors = wrapper.findAll('[role="alert"]').map((e) => e.text())
    expect(errors).toEqual([required, required])
    expect(await db.complaints.count()).toBe(0)
  })

  it.each([
    ['zh-CN', '请输入有效的手机号（11位）或座机号（含区号）'],
    ['en', 'Enter a valid mobile (11 digits) or landline with area code'],
  ] as const)('explains an invalid phone in %s once the field is left', async (locale, message) => {
    const { wrapper } = await setup(locale)
    const phone = wrapper.find('[data-testid="field-phone"]')
    await phone.setValue('1381234')
    await phone.trigger('blur')
    expect(wrapper.text()).toContain(message)
    await phone.setValue('13812345678')
    expect(wrapper.text()).not.toContain(message)
  })

  it('refuses a received-at time in the future', async () => {
    const { wrapper } = await setup('en')
    const at = wrapper.find('[data-testid="field-received-at"]')
    await at.setValue('2099-01-01T10:00')
    await at.trigger('blur')
    expect(wrapper.text()).toContain('Received-at cannot be in the future')
  })

  it.each([
    ['zh-CN', '含有无法保存的字符'],
    ['en', 'cannot be stored'],
  ] as const)('refuses text with a NUL or a broken character in %s, and saves nothing', async (locale, message) => {
    const { wrapper, db } = await setup(locale)
    await wrapper.find('[data-testid="field-name"]').setValue('王\ud800芳')
    await wrapper.find('[data-testid="field-description"]').setValue('ATM\u0000吞卡')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(
      wrapper
        .findAll('[role="alert"]')
        .map((e) => e.text())
        .filter((t) => t.includes(message)),
    ).toHaveLength(2)
    expect(await db.complaints.count()).toBe(0)
  })

  it('refuses a received-at time before the year 2000', async () => {
    const { wrapper } = await setup('en')
    const at = wrapper.find('[data-testid="field-received-at"]')
    await at.setValue('1900-01-01T10:00')
    await at.trigger('blur')
    expect(wrapper.text()).toContain('between 2000 and 2100')
  })

  it('records a valid complaint in IndexedDB, queues it for sync and opens it', async () => {
    const { wrapper, db, router } = await setup()
    await wrapper.find('[data-testid="field-name"]').setValue('王芳')
    await wrapper.find('[data-testid="field-phone"]').setValue('138 1234 5678')
    await wrapper.find('[data-testid="field-description"]').setValue('ATM 吞卡')
    await wrapper.find('[data-testid="field-demand"]').setValue('尽快取回银行卡')
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(async () => expect(await db.complaints.count()).toBe(1))
    const [row] = await db.complaints.toArray()
    expect((await complaintState(db, row!.id))!.customer).toMatchObject({ name: '王芳', phone: '138 1234 5678' })
    expect(row!.phone).toBe('13812345678')
    expect(await db.outbox.count()).toBe(1)
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe(`/complaints/${row!.id}`), { timeout: 5000 })
  })

  it('keeps what was typed as a draft and restores it when the form opens again', async () => {
    const first = await setup()
    await first.wrapper.find('[data-testid="field-name"]').setValue('李雷')
    await first.wrapper.find('[data-testid="field-description"]').setValue('排队太久')
    await vi.waitFor(
      async () => expect((await first.db.drafts.get('new-complaint@'))?.value).toMatchObject({ name: '李雷' }),
      { timeout: 2000 },
    )
    first.wrapper.unmount()
    const second = await mountWithApp(IntakeForm, { path: '/complaints/new', db: first.db })
    await vi.waitFor(() => {
      expect((second.wrapper.find('[data-testid="field-name"]').element as HTMLInputElement).value).toBe('李雷')
      expect((second.wrapper.find('[data-testid="field-description"]').element as HTMLTextAreaElement).value).toBe(
        '排队太久',
      )
    })
    second.wrapper.unmount()
  })

  it('flags a group of 20 or more as a major complaint and records its size, representatives and classification', async () => {
    const { wrapper, db } = await setup()
    await wrapper.find('[data-testid="field-name"]').setValue('张伟')
    await wrapper.find('[data-testid="field-description"]').setValue('理财产品到期未兑付')
    await wrapper.find('[data-testid="code-A0101"]').trigger('click')
    // Found by its code: 自营理财 is not among a new tablet's first entries.
    await wrapper.find('[data-testid="picker-B-search"]').setValue('bp06')
    await wrapper.find('[data-testid="code-BP06"]').trigger('click')
    await wrapper.find('[data-testid="code-C05"]').trigger('click')
    await wrapper.find('[data-testid="field-is-group"]').setValue(true)
    await wrapper.find('[data-testid="field-group-size"]').setValue('8')
    expect(wrapper.find('[data-testid="representatives-flag"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="major-flag"]').exists()).toBe(false)
    await wrapper.find('[data-testid="field-group-size"]').setValue('25')
    expect(wrapper.find('[data-testid="major-flag"]').text()).toContain('重大投诉')
    await wrapper.find('[data-testid="field-representatives"]').setValue('张伟，李娜、王强')
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(async () => expect(await db.complaints.count()).toBe(1))
    const [row] = await db.complaints.toArray()
    expect(await complaintState(db, row!.id)).toMatchObject({
      codes: { A: 'A0101', B: 'BP06', C: 'C05' },
      preStandard: false,
      group: { size: 25, representatives: ['张伟', '李娜', '王强'] },
    })
    // The tablet remembers what it used: its pickers offer these first next time.
    await vi.waitFor(async () => expect((await db.meta.get('codeUsage'))?.value).toEqual({ A0101: 1, BP06: 1, C05: 1 }))
    await vi.waitFor(async () => expect(await db.drafts.count()).toBe(0))
  })

  it('refuses more than five representatives', async () => {
    const { wrapper, db } = await setup('en')
    await wrapper.find('[data-testid="field-name"]').setValue('Zhang')
    await wrapper.find('[data-testid="field-description"]').setValue('x')
    await wrapper.find('[data-testid="field-is-group"]').setValue(true)
    await wrapper.find('[data-testid="field-group-size"]').setValue('30')
    await wrapper.find('[data-testid="field-representatives"]').setValue('a,b,c,d,e,f')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.text()).toContain('A group names at most 5 representatives')
    expect(await db.complaints.count()).toBe(0)
  })

  it('shows a repeat complainant’s earlier complaints as soon as the phone number matches, offline', async () => {
    const { ComplaintDb, commit } = await import('@/db')
    const { newId } = await import('@/domain')
    const { RECORDED } = await import('../../support/eventFactory')
    const db = new ComplaintDb(`repeat-${newId()}`)
    // Received at 00:30 on 2 March, China time: still 1 March in UTC. The link says the bank's date.
    await commit(db, newId(), [
      {
        type: 'complaint.recorded',
        payload: {
          ...RECORDED,
          customer: { name: '王芳', phone: '138-1234-5678' },
          receivedAt: '2026-03-01T16:30:00.000Z',
        },
      },
    ])
    const { wrapper } = await mountWithApp(IntakeForm, { path: '/complaints/new', db })
    cleanup = async () => {
      wrapper.unmount()
      await db.delete()
    }
    await wrapper.find('[data-testid="field-phone"]').setValue('13812345678')
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="repeat-complainant"]').text()).toContain('该号码已有 1 条投诉记录'),
    )
    expect(wrapper.find('[data-testid="repeat-complainant"]').text()).toContain('2026-03-02')
    await wrapper.find('[data-testid="field-phone"]').setValue('13900000000')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="repeat-complainant"]').exists()).toBe(false))
  })
})
