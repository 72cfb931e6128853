import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import ProcessPanel from '@/ui/process/ProcessPanel.vue'
import { mountWithApp } from '../../support/mountWithApp'
import { cleanUp, field, fill, open, q, qa, settle, setup, tap, VALID } from './processHarness'

/** What is typed into an action sheet survives a stray tap on the dimmed area, a reload and a double tap on 保存. */

afterEach(cleanUp)

async function answer(button: 'confirm' | 'cancel') {
  await vi.waitFor(() => expect(q(`.van-dialog__${button}`)).not.toBeNull())
  q(`.van-dialog__${button}`)!.click()
  await flushPromises()
}
const overlay = () => qa('.van-overlay').at(-1)!

describe('an action sheet keeps what was typed', () => {
  it('asks before a tap on the dimmed area closes a sheet with text, and keeps the text when the manager says no', async () => {
    await setup([VALID])
    await open('customer.unreachable')
    await fill('reason', '客户下午三点再来')
    overlay().click()
    await vi.waitFor(() => expect(q('.van-dialog')?.textContent).toContain('关闭后将丢失'))
    await answer('cancel')
    expect(q('[data-testid="sheet-customer-unreachable"]'), 'the sheet stays open').not.toBeNull()
    expect(field<HTMLTextAreaElement>('reason').value).toBe('客户下午三点再来')

    await tap('action-cancel')
    await answer('confirm')
    await vi.waitFor(() => expect(q('[data-testid="sheet-customer-unreachable"]')).toBeNull())
  })

  it('closes an untouched sheet at once', async () => {
    await setup([VALID])
    await open('customer.unreachable')
    overlay().click()
    await vi.waitFor(() => expect(q('[data-testid="sheet-customer-unreachable"]')).toBeNull())
  })

  it('keeps the text in IndexedDB: after a reload the same sheet opens with it, for the same user only', async () => {
    const first = await setup([VALID])
    first.wrapper.unmount()
    // The manager li, typing.
    const li = await mountWithApp(ProcessPanel, {
      db: first.db,
      props: { complaint: first.state },
      user: { staffId: 'li', name: '李雷' },
    })
    await open('customer.unreachable')
    await fill('reason', '客户下午三点再来')
    await vi.waitFor(
      async () =>
        expect((await first.db.drafts.toArray()).map((d) => d.key)).toEqual([
          `sheet-${first.id}-customer.unreachable@li`,
        ]),
      { timeout: 2000 },
    )
    // A reload.
    li.wrapper.unmount()
    const again = await mountWithApp(ProcessPanel, {
      db: first.db,
      props: { complaint: first.state },
      user: { staffId: 'li', name: '李雷' },
    })
    await open('customer.unreachable')
    await vi.waitFor(() => expect(field<HTMLTextAreaElement>('reason').value).toBe('客户下午三点再来'))
    again.wrapper.unmount()
    // Zhao, unlocking the same tablet, does not get li's words.
    const zhao = await mountWithApp(ProcessPanel, {
      db: first.db,
      props: { complaint: first.state },
      user: { staffId: 'zhao', name: '赵敏' },
    })
    await open('customer.unreachable')
    await settle()
    expect(field<HTMLTextAreaElement>('reason').value).toBe('')
    zhao.wrapper.unmount()
  })

  it('records one event when 保存 is tapped twice, and forgets the draft once saved', async () => {
    const { db, types } = await setup([VALID])
    const before = (await types()).length
    await open('customer.unreachable')
    await fill('reason', '已联系网点主任')
    const submit = q('[data-testid="action-submit"]')!
    submit.click()
    submit.click()
    await vi.waitFor(async () => expect((await types()).length).toBe(before + 1))
    await settle()
    expect((await types()).filter((t) => t === 'customer.unreachable')).toHaveLength(1)
    await vi.waitFor(async () => expect(await db.drafts.count()).toBe(0))
  })
})
