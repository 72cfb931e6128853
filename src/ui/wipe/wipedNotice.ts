import { ref } from 'vue'
import type { WipeNotice } from '@/sync'

/** The one thing an erased tablet keeps in local storage: why it is empty (staff name and times, no customer data). */
const KEY = 'complaint-desk.wiped'

function saved(): WipeNotice | null {
  try {
    return JSON.parse(globalThis.localStorage?.getItem(KEY) ?? 'null') as WipeNotice | null
  } catch {
    return null
  }
}

/**
 * Set when this tablet erased itself on an administrator's order: the app then shows why, and nothing else, until
 * someone enrols it again. Read at start too, so a reload still explains the empty tablet.
 */
export const wipedNotice = ref<WipeNotice | null>(saved())

export function showWipedNotice(notice: WipeNotice): void {
  globalThis.localStorage?.setItem(KEY, JSON.stringify(notice))
  wipedNotice.value = notice
}

/** Enrolling again: the notice has been read. */
export function dismissWipedNotice(): void {
  globalThis.localStorage?.removeItem(KEY)
  wipedNotice.value = null
}
