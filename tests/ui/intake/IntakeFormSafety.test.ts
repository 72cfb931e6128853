import { flushPromises } from '@vue/test-utils'
import { closeDialog, closeToast } from 'vant'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ComplaintDb } from '@/db'
import { CLOCK_OFFSET_KEY } from '@/db/meta'
import { newId, toChinaLocalInput } from '@/domain'
import AppHeader from '@/ui/components/AppHeader.vue'
import IntakeForm from '@/ui/intake/IntakeForm.vue'
import { databaseIdle } from '../../support/databaseIdle'
import { mountWithApp } from '../../support/mountWithApp'

/** In front of the customer, on a slow tablet: no duplicate, no lost word, no one else's form. */

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
  // Vant's dialog and toast are singletons in <body>: closed, not wiped.
  closeDialog()
  closeToast(true)
  await flushPromises()
})

async function setup(options: { db?: ComplaintDb; user?: { staffId: string; name: string } } = {}) {
  const app = await mountWithApp(IntakeForm, { path: '/complaints/new', ...options })
  let mounted = true
  const unmount = () => {
    if (mounted) app.wrapper.unmount()
    mounted = false
  }
  cleanups.push(async () => {
    unmount()
    if (!options.db) await app.db.delete()
  })
  return { ...app, unmount }
}

const q = (sel: string) => document.body.querySelector<HTMLElement>(sel)
const value = (wrapper: Awaited<ReturnType<typeof setup>>['wrapper'], id: string) =>
  (wrapper.find(`[data-testid="${id}"]`).element as HTMLInputElement).value

describe('IntakeForm on a slow tablet', () => {
  it('saves one complaint when 保存投诉 is tapped twice, and opens it once', async () => {
    const { wrapper, db, router } = await setup()
    await wrapper.find('[data-testid="field-name"]').setValue('王芳')
    await wrapper.find('[data-testid="field-description"]').setValue('ATM 吞卡')
    const pushes = vi.spyOn(router, 'push')
    const form = wrapper.find('form')
    // The second tap arrives before the first save has finished, then another as the page changes.
    void form.trigger('submit')
    void form.trigger('submit')
    await vi.waitFor(() => expect(pushes).toHaveBeenCalledTimes(1))
    await form.trigger('submit')
    // A save that (wrongly) went through would commit, then drop the draft, then open the page: two transactions.
    await databaseIdle(db, 2)
    expect(await db.complaints.count()).toBe(1)
    expect(await db.events.count()).toBe(1)
    expect(pushes).toHaveBeenCalledTimes(1)
  })

  it('treats a form saved before (its draft was kept by a crash) as already saved: no second complaint', async () => {
    const first = await setup()
    await first.wrapper.find('[data-testid="field-name"]').setValue('王芳')
    await first.wrapper.find('[data-testid="field-description"]').setValue('ATM 吞卡')
    await vi.waitFor(async () => expect((await first.db.drafts.toArray()).length).toBe(1), { timeout: 2000 })
    const kept = (await first.db.drafts.toArray())[0]!
    await first.wrapper.find('form').trigger('submit')
    await vi.waitFor(async () => expect(await first.db.complaints.count()).toBe(1))
    // The tablet died before the draft was dropped: it comes back with the same form.
    await first.db.drafts.put(kept)
    first.unmount()
    const second = await setup({ db: first.db })
    await vi.waitFor(() => expect(value(second.wrapper, 'field-name')).toBe('王芳'))
    await second.wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(second.router.currentRoute.value.path).toMatch(/^\/complaints\/[0-9a-f-]{36}$/))
    expect(await first.db.complaints.count()).toBe(1)
  })

  it('asks before 清空 wipes what was typed, and keeps it when the manager says no', async () => {
    const { wrapper, db } = await setup()
    await wrapper.find('[data-testid="field-name"]').setValue('王芳')
    await wrapper.find('[data-testid="field-description"]').setValue('ATM 吞卡')
    await wrapper.find('[data-testid="clear-form"]').trigger('click')
    await vi.waitFor(() => expect(q('.van-dialog')?.textContent).toContain('确定清空吗'))
    q('.van-dialog__cancel')!.click()
    await flushPromises()
    expect(value(wrapper, 'field-name')).toBe('王芳')

    await wrapper.find('[data-testid="clear-form"]').trigger('click')
    await vi.waitFor(() => expect(q('.van-dialog__confirm')).not.toBeNull())
    q('.van-dialog__confirm')!.click()
    await vi.waitFor(() => expect(value(wrapper, 'field-name')).toBe(''))
    expect(value(wrapper, 'field-description')).toBe('')
    await vi.waitFor(async () => expect(await db.drafts.count()).toBe(0), { timeout: 2000 })
  })

  it('keeps each user’s draft to themselves: zhao, unlocking li’s tablet, starts from an empty form', async () => {
    const db = new ComplaintDb(`ui-${newId()}`)
    cleanups.push(() => db.delete())
    const li = await setup({ db, user: { staffId: 'li', name: '李雷' } })
    await li.wrapper.find('[data-testid="field-name"]').setValue('王芳')
    await li.wrapper.find('[data-testid="field-description"]').setValue('排队太久')
    // The tablet locks mid-form: the form goes, its draft is kept for li.
    li.unmount()
    await vi.waitFor(async () => expect((await db.drafts.toArray()).map((d) => d.key)).toEqual(['new-complaint@li']), {
      timeout: 2000,
    })

    const zhao = await setup({ db, user: { staffId: 'zhao', name: '赵敏' } })
    // Whatever the form read of the drafts has been handed over by then.
    await databaseIdle(db)
    expect(value(zhao.wrapper, 'field-name')).toBe('')
    zhao.unmount()

    const liAgain = await setup({ db, user: { staffId: 'li', name: '李雷' } })
    await vi.waitFor(() => expect(value(liAgain.wrapper, 'field-name')).toBe('王芳'))
    liAgain.unmount()
  })

  it('prefills the receipt with the centre’s time when the last sync found the tablet three days slow, and says so', async () => {
    const db = new ComplaintDb(`ui-${newId()}`)
    cleanups.push(() => db.delete())
    await db.meta.put({
      key: CLOCK_OFFSET_KEY,
      value: { offsetMs: 3 * 86_400_000, measuredAt: new Date().toISOString() },
    })
    const { wrapper } = await setup({ db })
    const trueNow = Date.now() + 3 * 86_400_000
    await vi.waitFor(() =>
      expect(value(wrapper, 'field-received-at').slice(0, 10)).toBe(toChinaLocalInput(new Date(trueNow)).slice(0, 10)),
    )
    // A day after the true time is a receipt in the future, however the tablet's own clock reads it.
    await wrapper.find('[data-testid="field-received-at"]').setValue(toChinaLocalInput(new Date(trueNow + 86_400_000)))
    await wrapper.find('[data-testid="field-received-at"]').trigger('blur')
    expect(wrapper.text()).toContain('受理时间不能晚于现在')

    const header = await mountWithApp(AppHeader, { db, user: { staffId: 'li', name: '李雷' } })
    cleanups.push(async () => header.wrapper.unmount())
    await vi.waitFor(() => expect(header.wrapper.get('[data-testid="clock-skew"]').text()).toContain('本机时钟慢了3天'))
  })
})
