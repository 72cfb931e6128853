import { flushPromises } from '@vue/test-utils'
import { closeNotify } from 'vant'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { registerDraftFlusher } from '@/ui/drafts/draftRegistry'
import UpdatePrompt from '@/ui/pwa/UpdatePrompt.vue'
import { serviceWorkerState, useServiceWorker } from '@/ui/pwa/useServiceWorker'
import { mountWithApp } from '../../support/mountWithApp'

/** A new build waiting: offered, never forced; accepted, the half-filled forms are saved before the page changes. */

const undo: (() => void)[] = []
afterEach(async () => {
  for (const u of undo.splice(0)) u()
  useServiceWorker().dismissUpdate()
  vi.useRealTimers()
  closeNotify()
  await flushPromises()
  document.body.innerHTML = ''
})

describe('the update prompt', () => {
  it('shows nothing until a new build waits, and 稍后 puts it away', async () => {
    const { wrapper } = await mountWithApp(UpdatePrompt)
    expect(wrapper.find('[data-testid="update-prompt"]').exists()).toBe(false)
    serviceWorkerState.markNeedRefresh()
    await flushPromises()
    expect(wrapper.get('[data-testid="update-prompt"]').text()).toContain('新版本已就绪')
    expect(wrapper.get('[data-testid="update-prompt"]').text()).toContain('更新前会先保存正在填写的内容')
    await wrapper.get('[data-testid="update-dismiss"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="update-prompt"]').exists()).toBe(false)
  })

  it('does not update when a draft cannot be saved, and says so', async () => {
    const activate = vi.fn(async () => undefined)
    undo.push(
      registerDraftFlusher(async () => {
        throw new DOMException('full', 'QuotaExceededError')
      }),
    )
    serviceWorkerState.setActivator(activate)
    serviceWorkerState.markNeedRefresh()
    const { wrapper } = await mountWithApp(UpdatePrompt)
    await wrapper.get('[data-testid="update-accept"]').trigger('click')
    await vi.waitFor(() =>
      expect(document.body.querySelector('.van-notify')?.textContent).toContain('草稿未能保存，暂不更新'),
    )
    expect(activate).not.toHaveBeenCalled()
    // Offered again: the manager can save the form by hand and try once more.
    expect(wrapper.get('[data-testid="update-accept"]').attributes('disabled')).toBeUndefined()
  })

  // Last: once a build has taken over, this page load is done with updates (the page reloads).
  it('saves every open draft first, then lets the new build take over', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    const order: string[] = []
    let saveDraft!: () => void
    undo.push(
      registerDraftFlusher(
        () =>
          new Promise<void>((resolve) => {
            order.push('draft saving')
            saveDraft = () => {
              order.push('draft saved')
              resolve()
            }
          }),
      ),
    )
    serviceWorkerState.setActivator(async () => void order.push('new build activated'))
    serviceWorkerState.markNeedRefresh()
    const { wrapper } = await mountWithApp(UpdatePrompt)
    await wrapper.get('[data-testid="update-accept"]').trigger('click')
    await flushPromises()
    // While the draft is being saved: nothing has changed hands, and the buttons wait.
    expect(order).toEqual(['draft saving'])
    expect(wrapper.get('[data-testid="update-prompt"]').text()).toContain('正在保存并更新')
    expect(wrapper.get('[data-testid="update-accept"]').attributes('disabled')).toBeDefined()
    saveDraft()
    await flushPromises()
    expect(order).toEqual(['draft saving', 'draft saved', 'new build activated'])
  })
})
