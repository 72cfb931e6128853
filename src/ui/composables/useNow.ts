import { onScopeDispose, ref } from 'vue'

/** The current time as a ref, ticking so that "overdue" marks change without a reload. */
export function useNow(options: { intervalMs?: number } = {}) {
  const now = ref(Date.now())
  const timer = setInterval(() => (now.value = Date.now()), options.intervalMs ?? 30_000)
  onScopeDispose(() => clearInterval(timer))
  return now
}
