import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { loadReminders } from '@/db/reminders'
import type { Reminder } from '@/domain/complaint/reminders'
import { useSessionStore } from '@/ui/auth/useSessionStore'
import { useLiveQuery } from '@/ui/composables/useLiveQuery'
import { useNow } from '@/ui/composables/useNow'
import { useDatabase } from '@/ui/services/database'

/** After the first screen: the clocks, the calendar and the fold are not the book's first rows. */
const START_DELAY_MS = 1500

type Loader = { loadReminders: typeof loadReminders }

/**
 * What the lobby manager owes customers today (domain `remindersDue`), for the book's strip and the app's own
 * notifications. Read only while someone has unlocked the tablet: locked, it holds nothing (the app icon's badge
 * keeps its count of deadlines).
 */
export const useReminderStore = defineStore('reminders', () => {
  const db = useDatabase()
  const session = useSessionStore()
  const now = useNow({ intervalMs: 60_000 })
  const loader = shallowRef<Loader | null>(null)
  setTimeout(() => void import('@/db/reminders').then((m) => (loader.value = m)), START_DELAY_MS)

  // Live: a contact logged, or a follow-up done, takes its reminder away at once.
  const { data } = useLiveQuery({
    query: () =>
      loader.value && session.unlocked ? loader.value.loadReminders(db, new Date(now.value)) : ([] as Reminder[]),
    initial: [] as Reminder[],
    deps: [loader, now, () => session.unlocked],
  })
  const reminders = computed(() => (session.unlocked ? data.value : []))
  /** Complaints with something due today. */
  const count = computed(() => new Set(reminders.value.map((r) => r.complaintId)).size)

  /** Bumped when the manager switches notifications on: today's reminders are shown then, not at the next minute. */
  const switchedOn = ref(0)
  function noticesSwitchedOn(): void {
    switchedOn.value++
  }

  /** The app's notifications: at most once a reminder a day, when the manager switched them on (notices.ts). */
  function notifyWith(words: (r: Reminder) => { title: string; body: string }): void {
    watch(
      [reminders, switchedOn],
      ([list]) => {
        if (list.length) void import('./notices').then((n) => n.notifyReminders(list, words, new Date(now.value)))
      },
      { immediate: true },
    )
  }

  return { reminders, count, notifyWith, noticesSwitchedOn }
})
