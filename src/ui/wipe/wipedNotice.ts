import { ref } from 'vue'
import { WIPE_NOTICE_KEY } from '@/sync/tabletReport'
import type { WipeNotice } from '@/sync/tabletReport'

function saved(): WipeNotice | null {
  try {
    return JSON.parse(globalThis.localStorage?.getItem(WIPE_NOTICE_KEY) ?? 'null') as WipeNotice | null
  } catch {
    return null
  }
}

/**
 * Set when this tablet erased itself on an administrator's order: the app then shows why, and nothing else, until
 * someone enrols it again. Read at start too, so a reload still explains the empty tablet.
 */
export const wipedNotice = ref<WipeNotice | null>(saved())

/** Enrolling again: the notice has been read. */
export function dismissWipedNotice(): void {
  globalThis.localStorage?.removeItem(WIPE_NOTICE_KEY)
  wipedNotice.value = null
}
