import { flushPromises } from '@vue/test-utils'
import { closeToast } from 'vant'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { newId } from '@/domain'
import { applyRemote, commit, ComplaintDb } from '@/db'
import ComplaintPage from '@/ui/complaint/ComplaintPage.vue'
import { RECORDED } from '../../support/eventFactory'
import { databaseIdle } from '../../support/databaseIdle'
import { mountWithApp } from '../../support/mountWithApp'

/** One complaint's page: what the customer said, its history, and a note added once however often 添加 is tapped. */

let db: ComplaintDb | null = null
afterEach(async () => {
  closeToast(true)
  await flushPromises()
  document.body.innerHTML = ''
  await db?.delete()
  db = null
})

async function open() {
  db = new ComplaintDb(`complaint-${newId()}`)
  const id = newId()
  await commit(db, id, [{ type: 'complaint.recorded', payload: RECORDED }])
  const app = await mountWithApp(ComplaintPage, {
    db,
    props: { id },
    path: `/complaints/${id}`,
    user: { staffId: 'staff-li', name: '李经理' },
  })
  await vi.waitFor(() => expect(app.wrapper.find('[data-testid="detail-name"]').exists()).toBe(true))
  return { ...app, id }
}

describe('a complaint’s page', () => {
  it('shows the customer, what they said and asked for, and where to go next', async () => {
    const { wrapper, id } = await open()
    expect(wrapper.get('[data-testid="detail-name"]').text()).toBe('王芳')
    expect(wrapper.get('[data-testid="detail-description"]').text()).toBe('在柜台办理挂失等待了一个小时')
    expect(wrapper.get('[data-testid="detail-demand"]').text()).toBe('希望缩短等待时间并致歉')
    expect(wrapper.get('[data-testid="start-script"]').attributes('href')).toBe(`/complaints/${id}/script`)
    expect(wrapper.get('[data-testid="open-slip"]').attributes('href')).toBe(`/complaints/${id}/slip`)
  })

  it('adds a note once when 添加 is tapped twice, and shows it on the timeline', async () => {
    const { wrapper, id } = await open()
    expect(wrapper.get('[data-testid="note-submit"]').attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid="note-text"]').setValue('客户下午再来电')
    const form = wrapper.get('[data-testid="note-text"]').element.closest('form')!
    form.dispatchEvent(new Event('submit'))
    form.dispatchEvent(new Event('submit'))
    await vi.waitFor(() => expect(wrapper.text()).toContain('客户下午再来电'))
    await vi.waitFor(() =>
      expect((wrapper.get('[data-testid="note-text"]').element as HTMLTextAreaElement).value).toBe(''),
    )
    await databaseIdle(db!)
    const notes = (await db!.events.where('complaintId').equals(id).toArray()).filter((e) => e.type === 'note.added')
    expect(notes.map((e) => e.payload)).toEqual([{ text: '客户下午再来电' }])
  })

  it('shows a complaint that another tablet recorded as soon as a pull brings it, when its page was opened first', async () => {
    // Another tablet's complaint, as a pull would bring it: recorded elsewhere, then stored here by applyRemote.
    const elsewhere = new ComplaintDb(`elsewhere-${newId()}`)
    const id = newId()
    const { events } = await commit(elsewhere, id, [{ type: 'complaint.recorded', payload: RECORDED }])
    await elsewhere.delete()
    db = new ComplaintDb(`complaint-${newId()}`)
    await db.meta.put({
      key: 'identity',
      value: { deviceId: 'tab-b', branchId: events[0]!.branchId, staffId: 'staff-li', staffName: '李经理' },
    })
    const app = await mountWithApp(ComplaintPage, {
      db,
      props: { id },
      path: `/complaints/${id}`,
      user: { staffId: 'staff-li', name: '李经理' },
    })
    await vi.waitFor(() => expect(app.wrapper.text()).toContain('本机没有这条投诉'))
    await applyRemote(
      db,
      events.map((e, i) => ({ ...e, serverSeq: i + 1 })),
      { cursor: events.length },
    )
    await vi.waitFor(() => expect(app.wrapper.find('[data-testid="detail-name"]').text()).toBe('王芳'))
    expect(app.wrapper.text()).not.toContain('本机没有这条投诉')
  })
})
