import { afterEach, describe, expect, it, vi } from 'vitest'
import { newId } from '@/domain'
import { commit, ComplaintDb } from '@/db'
import PrintRegisterPage from '@/ui/print/PrintRegisterPage.vue'
import { RECORDED } from '../../support/eventFactory'
import { mountWithApp } from '../../support/mountWithApp'

/** The register on paper: the complaints received in the dates chosen, oldest first, or one complaint alone. */

let db: ComplaintDb | null = null
afterEach(async () => {
  vi.unstubAllGlobals()
  sessionStorage.clear()
  document.body.innerHTML = ''
  await db?.delete()
  db = null
})

async function book() {
  db = new ComplaintDb(`print-${newId()}`)
  const march = newId()
  const april = newId()
  await commit(db, march, [
    { type: 'complaint.recorded', payload: { ...RECORDED, receivedAt: '2026-03-02T09:30:00+08:00' } },
  ])
  await commit(db, april, [
    {
      type: 'complaint.recorded',
      payload: {
        ...RECORDED,
        customer: { ...RECORDED.customer, name: '赵敏' },
        receivedAt: '2026-04-10T10:00:00+08:00',
      },
    },
  ])
  return { march, april }
}

describe('the printed register', () => {
  it('holds the complaints received in the dates chosen, and prints on a tap', async () => {
    await book()
    const print = vi.fn()
    vi.stubGlobal('print', print)
    const { wrapper } = await mountWithApp(PrintRegisterPage, { db: db!, path: '/print?from=2026-03-01&to=2026-03-31' })
    await vi.waitFor(() => expect(wrapper.text()).toContain('王芳'))
    expect(wrapper.text()).not.toContain('赵敏')
    expect(wrapper.get('h1').text()).toContain('2026-03-01')
    await wrapper.get('[data-testid="print-now"]').trigger('click')
    expect(print).toHaveBeenCalledOnce()
  })

  it('prints one complaint alone, and the whole book without dates', async () => {
    const { april } = await book()
    const one = await mountWithApp(PrintRegisterPage, { db: db!, path: `/print?id=${april}` })
    await vi.waitFor(() => expect(one.wrapper.text()).toContain('赵敏'))
    expect(one.wrapper.text()).not.toContain('王芳')
    one.wrapper.unmount()

    const all = await mountWithApp(PrintRegisterPage, { db: db!, path: '/print' })
    await vi.waitFor(() => expect(all.wrapper.text()).toContain('赵敏'))
    const text = all.wrapper.text()
    // Oldest first, as a register is kept.
    expect(text.indexOf('王芳')).toBeLessThan(text.indexOf('赵敏'))
  })

  it('asks for the centre’s sign-in for the branches’ register when the session has gone', async () => {
    db = new ComplaintDb(`print-${newId()}`)
    const { wrapper } = await mountWithApp(PrintRegisterPage, {
      db,
      path: '/print?source=central&from=2026-03-01&to=2026-03-31',
    })
    await vi.waitFor(() => expect(wrapper.text()).toContain('报表由中心计算，需要联网登录'))
  })
})
