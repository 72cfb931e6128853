import { afterEach, describe, expect, it, vi } from 'vitest'
import { newId } from '@/domain'
import { commit, ComplaintDb } from '@/db'
import BookPage from '@/ui/book/BookPage.vue'
import { RECORDED } from '../../support/eventFactory'
import { mountWithApp } from '../../support/mountWithApp'

/** The book, the start page: every complaint newest first, found by the customer's phone or words, filtered by status. */

let db: ComplaintDb | null = null
afterEach(async () => {
  document.body.innerHTML = ''
  await db?.delete()
  db = null
})

describe('the complaint book', () => {
  it('invites the first complaint when there is none', async () => {
    const app = await mountWithApp(BookPage, { user: { staffId: 'staff-li', name: '李经理' } })
    db = app.db
    await vi.waitFor(() => expect(app.wrapper.find('.empty').exists()).toBe(true))
    expect(app.wrapper.get('.empty').text()).toContain('登记投诉')
  })

  it('lists the complaints, finds one by the phone’s tail or a word, and filters by status', async () => {
    db = new ComplaintDb(`book-${newId()}`)
    const wang = newId()
    const zhao = newId()
    await commit(db, wang, [{ type: 'complaint.recorded', payload: RECORDED }])
    await commit(db, zhao, [
      {
        type: 'complaint.recorded',
        payload: {
          ...RECORDED,
          customer: { name: '赵敏', phone: '13912349963', consentSms: true, consentPhone: true },
          description: '银行卡被吞',
        },
      },
      { type: 'complaint.acknowledged', payload: {} },
    ])
    const { wrapper } = await mountWithApp(BookPage, { db, user: { staffId: 'staff-li', name: '李经理' } })
    await vi.waitFor(() => expect(wrapper.text()).toContain('赵敏'))
    expect(wrapper.text()).toContain('王芳')
    // A public hall: the phone shows masked.
    expect(wrapper.text()).toContain('139****9963')
    expect(wrapper.text()).not.toContain('13912349963')

    await wrapper.get('[data-testid="book-search"]').setValue('9963')
    await vi.waitFor(() => expect(wrapper.text()).not.toContain('王芳'))
    expect(wrapper.text()).toContain('赵敏')
    await wrapper.get('[data-testid="book-search"]').setValue('挂失')
    await vi.waitFor(() => expect(wrapper.text()).not.toContain('赵敏'))
    expect(wrapper.text()).toContain('王芳')
    await wrapper.get('[data-testid="book-search"]').setValue('没有这个词')
    await vi.waitFor(() => expect(wrapper.find('.empty').exists()).toBe(true))
    await wrapper.get('[data-testid="book-search"]').setValue('')

    const shows = (text: string) => wrapper.text().includes(text)
    await wrapper.get('[data-testid="filter-new"]').trigger('click')
    await vi.waitFor(() => expect([shows('王芳'), shows('赵敏')]).toEqual([true, false]))
    await wrapper.get('[data-testid="filter-inProgress"]').trigger('click')
    await vi.waitFor(() => expect([shows('王芳'), shows('赵敏')]).toEqual([false, true]))
  })

  it('says at the end of the list where the complaints finished long ago are, by the centre’s retention policy', async () => {
    db = new ComplaintDb(`book-${newId()}`)
    await commit(db, newId(), [{ type: 'complaint.recorded', payload: RECORDED }])
    const { wrapper } = await mountWithApp(BookPage, { db, user: { staffId: 'staff-li', name: '李经理' } })
    await vi.waitFor(() => expect(wrapper.find('[data-testid="book-retention"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="book-retention"]').text()).toBe(
      '已办结超过 90 天的投诉已从本机移除，保存在中心；主管可在工作台查询',
    )
    // The centre sets a year: the line follows the next pull's settings.
    const { DEFAULT_POLICY } = await import('@/domain')
    await db.putMeta('settings', { policy: { ...DEFAULT_POLICY, retentionDays: 365 }, version: 2 })
    await vi.waitFor(() => expect(wrapper.get('[data-testid="book-retention"]').text()).toContain('已办结超过 365 天'))
    // Below the list, after the last row.
    const list = wrapper.get('.list').element
    expect(
      list.compareDocumentPosition(wrapper.get('[data-testid="book-retention"]').element) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy()
  })
})
