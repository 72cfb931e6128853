import { createRouter, createWebHistory } from 'vue-router'
import type { RouteLocationNormalized, RouteLocationRaw, RouteRecordRaw } from 'vue-router'
import { useSessionStore } from '@/ui/auth/useSessionStore'
import { loadFeatureMessages } from '@/ui/i18n'
import type { MessageTarget } from '@/ui/i18n'
import { dropFirstBookPage } from '@/ui/book/firstBookPage'

declare module 'vue-router' {
  interface RouteMeta {
    /** A page of the administrator's console: needs the centre's sign-in, not the tablet's enrolment or PIN. */
    console?: boolean
  }
}

export const routes: RouteRecordRaw[] = [
  // Every page loads on first use (and is precached). Even the book: since the keys live only in memory (issue 17),
  // every start lands on the lock screen, and the book loads while the PIN is typed.
  { path: '/', name: 'book', component: () => import('@/ui/book/BookPage.vue') },
  { path: '/complaints/new', name: 'new', component: () => import('@/ui/intake/NewComplaintPage.vue') },
  { path: '/walk-in', name: 'walkIn', component: () => import('@/ui/script/WalkInStart.vue') },
  {
    path: '/walk-in/:id/script',
    name: 'walkInScript',
    component: () => import('@/ui/script/ScriptPage.vue'),
    props: (r) => ({ id: r.params.id, walkIn: true }),
  },
  { path: '/complaints/:id/slip', name: 'slip', component: () => import('@/ui/slip/SlipPage.vue'), props: true },
  {
    path: '/complaints/:id/script',
    name: 'script',
    component: () => import('@/ui/script/ScriptPage.vue'),
    props: true,
  },
  { path: '/print', name: 'print', component: () => import('@/ui/print/PrintRegisterPage.vue') },
  { path: '/principles', name: 'principles', component: () => import('@/ui/script/PrinciplesPage.vue') },
  { path: '/desk', name: 'desk', component: () => import('@/ui/desk/DeskPage.vue') },
  {
    path: '/desk/complaints/:id',
    name: 'deskComplaint',
    component: () => import('@/ui/desk/CentralComplaintPage.vue'),
    props: true,
  },
  { path: '/reports', name: 'reports', component: () => import('@/ui/reports/ReportsPage.vue') },
  {
    path: '/settings/reminders',
    name: 'reminderSettings',
    component: () => import('@/ui/reminders/ReminderSettingsPage.vue'),
  },
  {
    path: '/complaints/:id',
    name: 'complaint',
    component: () => import('@/ui/complaint/ComplaintPage.vue'),
    props: true,
  },
  // The administrator's console: online, on any browser (no tablet enrolment or PIN), behind the centre's sign-in. One
  // route here; its pages are chosen inside its own chunk (AdminPage.vue), so the first screen carries none of them.
  {
    path: '/admin/:page?',
    name: 'admin',
    component: () => import('@/ui/admin/AdminPage.vue'),
    props: true,
    meta: { console: true },
  },
  { path: '/:pathMatch(.*)*', redirect: '/' },
]

/** Pages a locked or unenrolled tablet may show. */
const OPEN = new Set(['enrol', 'unlock'])

const unlockPage = () => import('@/ui/auth/UnlockPage.vue')
const authRoutes: RouteRecordRaw[] = [
  { path: '/enrol', name: 'enrol', component: () => import('@/ui/auth/EnrolPage.vue') },
  { path: '/unlock', name: 'unlock', component: unlockPage },
]

/** The book, the enrolment and the lock screen need only the messages of the first chunk. */
const FIRST_SCREENS = new Set(['book', 'enrol', 'unlock'])

export function createAppRouter(i18n: MessageTarget) {
  const router = createRouter({ history: createWebHistory(), routes: [...routes, ...authRoutes] })
  // Every start of an enrolled tablet lands on the lock screen: its chunk loads while the session is read from
  // IndexedDB, not after the guard has decided (a waterfall the cold start paid; docs/benchmarks.md).
  void unlockPage().catch(() => undefined)
  // Nothing about a complaint is shown until the tablet is enrolled and a staff member has unlocked it.
  async function allow(to: RouteLocationNormalized): Promise<true | RouteLocationRaw> {
    const session = useSessionStore()
    // A reload always lands locked (the keys live only in memory): no book page is read before the PIN. An enrolled
    // tablet's lock screen paints from its copy outside IndexedDB while the session is read beside it.
    if (!session.loaded && session.lockScreen && !to.meta.console) {
      void session.ready().then(
        () => {
          // The copy outlived the enrolment (storage cleared by the browser): the tablet must be enrolled again.
          if (!session.enrolled && router.currentRoute.value.name === 'unlock') void router.replace({ name: 'enrol' })
        },
        () => undefined,
      )
      if (to.name === 'unlock') return true
      return { name: 'unlock', query: { next: to.name === 'enrol' ? '/' : to.fullPath } }
    }
    if (!session.loaded) await session.load()
    // The console asks for the centre's sign-in itself; its own messages come with its chunk (AdminPage.vue).
    if (!to.meta.console) {
      if (!session.enrolled) return to.name === 'enrol' ? true : { name: 'enrol' }
      if (to.name === 'enrol') return { name: 'book' }
      if (!session.unlocked && !OPEN.has(String(to.name))) return { name: 'unlock', query: { next: to.fullPath } }
    }
    if (!FIRST_SCREENS.has(String(to.name))) await loadFeatureMessages(i18n)
    return true
  }
  router.beforeEach(async (to) => {
    const verdict = await allow(to)
    // Rows read ahead are kept only for the book the user may see now.
    if (verdict !== true || to.name !== 'book') dropFirstBookPage()
    return verdict
  })
  return router
}
