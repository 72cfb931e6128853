import { chinaDate } from '@/domain/chinaTime'
import type { Reminder } from '@/domain/complaint/reminders'

/** Switched on by the manager in the reminder settings (never asked for on load). */
const ENABLED_KEY = 'complaint-desk.reminderNotices'
/** Which reminders were shown today: `{ day, keys }`. Complaint ids and kinds only: nothing of a customer. */
const SHOWN_KEY = 'complaint-desk.reminderNoticesShown'

/**
 * unsupported: no notifications in this browser; notInstalled: no service worker to show them (not installed, or the
 * first visit); denied: the browser refuses them (only its settings can change that); off / on: the manager's choice.
 */
export type NoticeState = 'unsupported' | 'notInstalled' | 'denied' | 'off' | 'on'

async function registration(): Promise<ServiceWorkerRegistration | undefined> {
  if (!('serviceWorker' in navigator)) return undefined
  const r = await navigator.serviceWorker.getRegistration()
  return r?.active ? r : undefined
}

export async function noticeState(): Promise<NoticeState> {
  if (!('Notification' in globalThis)) return 'unsupported'
  if (!(await registration())) return 'notInstalled'
  if (Notification.permission === 'denied') return 'denied'
  return Notification.permission === 'granted' && localStorage.getItem(ENABLED_KEY) === '1' ? 'on' : 'off'
}

/** Asks the browser (call from a tap: browsers refuse a request without one), and switches them on if allowed. */
export async function switchNoticesOn(): Promise<NoticeState> {
  if (!('Notification' in globalThis)) return 'unsupported'
  const permission = await Notification.requestPermission()
  if (permission === 'granted') localStorage.setItem(ENABLED_KEY, '1')
  return noticeState()
}

export function switchNoticesOff(): void {
  localStorage.removeItem(ENABLED_KEY)
}

function shownToday(day: string): Set<string> {
  try {
    const saved = JSON.parse(localStorage.getItem(SHOWN_KEY) ?? 'null') as { day?: string; keys?: string[] } | null
    return new Set(saved?.day === day ? (saved.keys ?? []) : [])
  } catch {
    return new Set()
  }
}

/**
 * Shows each reminder not yet shown today as the app's own notification. Its words are the case number and what is
 * due, never the customer: a tablet's lock screen may show it to anyone passing.
 */
export async function notifyReminders(
  reminders: Reminder[],
  words: (r: Reminder) => { title: string; body: string },
  now: Date,
): Promise<number> {
  if ((await noticeState()) !== 'on') return 0
  const sw = await registration()
  if (!sw) return 0
  const day = chinaDate(now)
  const shown = shownToday(day)
  let n = 0
  for (const r of reminders) {
    const key = `${r.complaintId}:${r.kind}`
    if (shown.has(key)) continue
    // Marked first: two windows of the app, or a failed show, never make a second one the same day.
    shown.add(key)
    localStorage.setItem(SHOWN_KEY, JSON.stringify({ day, keys: [...shown] }))
    const { title, body } = words(r)
    try {
      await sw.showNotification(title, {
        body,
        tag: `reminder-${key}`,
        icon: '/icons/icon-192.png',
        data: { url: `/complaints/${r.complaintId}` },
      })
      n++
    } catch {
      // The platform refused (focus assist, a revoked permission): the strip on the book still shows it.
    }
  }
  return n
}
