import { afterEach, describe, expect, it, vi } from 'vitest'
import { newId } from '@/domain'
import { commit, ComplaintDb } from '@/db'
import SlipPage from '@/ui/slip/SlipPage.vue'
import { RECORDED } from '../../support/eventFactory'
import { mountWithApp } from '../../support/mountWithApp'

/** The acceptance slip the customer takes home: the case, when it was received, when to expect a decision, how to get it. */

let db: ComplaintDb | null = null
afterEach(async () => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
  await db?.delete()
  db = null
})

describe('the acceptance slip', () => {
  it('says what was received and by when a decision is due, and is sent by SMS or printed', async () => {
    db = new ComplaintDb(`slip-${newId()}`)
    const id = newId()
    await commit(db, id, [{ type: 'complaint.recorded', payload: RECORDED }])
    const print = vi.fn()
    vi.stubGlobal('print', print)
    const { wrapper } = await mountWithApp(SlipPage, { db, props: { id }, path: `/complaints/${id}/slip` })
    await vi.waitFor(() => expect(wrapper.find('[data-testid="slip"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="slip"]').text()).toContain('王芳')
    expect(wrapper.get('[data-testid="slip-received"]').text()).toBe('2026/03/02 09:30')
    expect(wrapper.get('[data-testid="slip-expected"]').text()).toMatch(/2026年\d+月\d+日/)
    // The SMS goes to the customer's own number, with the case in it.
    const sms = decodeURIComponent(wrapper.get('[data-testid="slip-sms"]').attributes('href')!)
    expect(sms).toMatch(/^sms:13812345678/)
    expect(sms).toContain('王芳')
    expect(wrapper.find('[data-testid="slip-signed-at"]').exists()).toBe(false)
    await wrapper.get('[data-testid="slip-print"]').trigger('click')
    expect(print).toHaveBeenCalledOnce()
  })
})
