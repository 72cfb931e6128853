import { effectScope, ref } from 'vue'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useIdleLock } from '@/ui/composables/useIdleLock'

afterEach(() => {
  vi.useRealTimers()
})

const MIN = 60_000

function start(timeoutMs: ReturnType<typeof ref<number>>, warnAfterMs: ReturnType<typeof ref<number | null>>) {
  const target = new EventTarget()
  const onIdle = vi.fn()
  const scope = effectScope()
  const lock = scope.run(() =>
    useIdleLock({
      timeoutMs: () => timeoutMs.value!,
      warnAfterMs: () => warnAfterMs.value ?? null,
      onIdle,
      target: target as never,
    }),
  )!
  return { target, onIdle, warning: lock.warning, stop: () => scope.stop() }
}

describe('useIdleLock', () => {
  it('asks "still there?" a minute before locking, and a touch answers it and counts again', async () => {
    vi.useFakeTimers()
    const { target, onIdle, warning, stop } = start(ref(15 * MIN), ref(14 * MIN))
    vi.advanceTimersByTime(14 * MIN - 1)
    expect(warning.value).toBe(false)
    vi.advanceTimersByTime(1)
    expect(warning.value).toBe(true)
    expect(onIdle).not.toHaveBeenCalled()
    target.dispatchEvent(new Event('pointerdown'))
    expect(warning.value).toBe(false)
    vi.advanceTimersByTime(14 * MIN + 30_000)
    expect(onIdle).not.toHaveBeenCalled()
    vi.advanceTimersByTime(30_000)
    expect(onIdle).toHaveBeenCalledTimes(1)
    expect(warning.value).toBe(false)
    stop()
  })

  it('waits longer from the moment the script starts, and the hall’s five minutes again once it ends', async () => {
    vi.useFakeTimers()
    const timeout = ref(5 * MIN)
    const warnAfter = ref<number | null>(null)
    const { onIdle, stop } = start(timeout, warnAfter)
    vi.advanceTimersByTime(4 * MIN)
    timeout.value = 15 * MIN
    warnAfter.value = 14 * MIN
    await Promise.resolve()
    // Five quiet minutes of listening: still unlocked.
    vi.advanceTimersByTime(6 * MIN)
    expect(onIdle).not.toHaveBeenCalled()
    timeout.value = 5 * MIN
    warnAfter.value = null
    await Promise.resolve()
    vi.advanceTimersByTime(5 * MIN)
    expect(onIdle).toHaveBeenCalledTimes(1)
    stop()
  })
})
