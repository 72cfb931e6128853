import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Reminder } from '@/domain'
import { noticeState, notifyReminders, switchNoticesOff, switchNoticesOn } from '@/ui/reminders/notices'

const REMINDERS: Reminder[] = [
  { complaintId: 'c-1', caseLabel: 'RM-261203-A01', kind: 'promisedDate', dueAt: '2026-12-03T15:59:59.999Z' },
  { complaintId: 'c-1', caseLabel: 'RM-261203-A01', kind: 'replyDue', dueAt: '2026-12-03T09:00:00.000Z' },
  { complaintId: 'c-2', caseLabel: 'RM-261202-A04', kind: 'followUp', dueAt: '2026-12-03T15:59:59.999Z' },
]
const words = (r: Reminder) => ({ title: '投诉台提醒', body: `${r.caseLabel}：${r.kind}` })

let permission: NotificationPermission
let showNotification: ReturnType<typeof vi.fn>
let requestPermission: ReturnType<typeof vi.fn>

beforeEach(() => {
  localStorage.clear()
  permission = 'default'
  showNotification = vi.fn(async () => undefined)
  requestPermission = vi.fn(async () => (permission = 'granted'))
  vi.stubGlobal('Notification', {
    get permission() {
      return permission
    },
    requestPermission,
  })
  Object.defineProperty(navigator, 'serviceWorker', {
    configurable: true,
    value: { getRegistration: async () => ({ active: {}, showNotification }) },
  })
})
afterEach(() => {
  vi.unstubAllGlobals()
  Reflect.deleteProperty(navigator, 'serviceWorker')
})

describe('the app’s own reminder notifications', () => {
  it('shows nothing until the manager switches them on, asking the browser only then', async () => {
    expect(await noticeState()).toBe('off')
    expect(await notifyReminders(REMINDERS, words, new Date('2026-12-03T02:00:00Z'))).toBe(0)
    expect(requestPermission).not.toHaveBeenCalled()
    expect(await switchNoticesOn()).toBe('on')
    expect(requestPermission).toHaveBeenCalledTimes(1)
  })

  it('shows each reminder once a China day, and again the next day', async () => {
    await switchNoticesOn()
    // 10:00 and 23:30 on 3 December, China time.
    expect(await notifyReminders(REMINDERS, words, new Date('2026-12-03T02:00:00Z'))).toBe(3)
    expect(await notifyReminders(REMINDERS, words, new Date('2026-12-03T15:30:00Z'))).toBe(0)
    expect(showNotification).toHaveBeenCalledTimes(3)
    expect(showNotification).toHaveBeenCalledWith('投诉台提醒', {
      body: 'RM-261203-A01：promisedDate',
      tag: 'reminder-c-1:promisedDate',
      icon: '/icons/icon-192.png',
      data: { url: '/complaints/c-1' },
    })
    // 00:30 on 4 December in China (still the 3rd in UTC): a new day.
    expect(await notifyReminders(REMINDERS.slice(0, 1), words, new Date('2026-12-03T16:30:00Z'))).toBe(1)
  })

  it('says why it cannot: refused by the browser, or no installed app to show them', async () => {
    permission = 'denied'
    expect(await noticeState()).toBe('denied')
    Object.defineProperty(navigator, 'serviceWorker', {
      configurable: true,
      value: { getRegistration: async () => undefined },
    })
    expect(await noticeState()).toBe('notInstalled')
    permission = 'granted'
    localStorage.setItem('complaint-desk.reminderNotices', '1')
    expect(await notifyReminders(REMINDERS, words, new Date())).toBe(0)
    switchNoticesOff()
    expect(localStorage.getItem('complaint-desk.reminderNotices')).toBeNull()
  })
})
