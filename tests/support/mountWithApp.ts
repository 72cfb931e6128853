import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import type { Component } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { newId } from '@/domain'
import { ComplaintDb } from '@/db'
import { createTestI18n } from './testI18n'
import type { Locale } from '@/ui/i18n'
import { useSessionStore } from '@/ui/auth/useSessionStore'
import { routes } from '@/ui/router'
import { setDatabase } from '@/ui/services/database'

/** Mounts a component with a fresh Pinia, a fresh IndexedDB, the app's routes and i18n in the given locale. */
export async function mountWithApp(
  component: Component,
  options: {
    locale?: Locale
    props?: Record<string, unknown>
    path?: string
    db?: ComplaintDb
    user?: { staffId: string; name: string }
  } = {},
) {
  const db = options.db ?? new ComplaintDb(`ui-${newId()}`)
  setDatabase(db)
  const pinia = createPinia()
  setActivePinia(pinia)
  // Whoever has unlocked the tablet (drafts are theirs); nobody by default.
  if (options.user) useSessionStore().current = { ...options.user, role: 'manager', approvalLevel: null }
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push(options.path ?? '/')
  await router.isReady()
  const wrapper = mount(component, {
    props: options.props,
    attachTo: document.body,
    global: { plugins: [pinia, router, createTestI18n(options.locale ?? 'zh-CN')] },
  })
  return { wrapper, db, router }
}
