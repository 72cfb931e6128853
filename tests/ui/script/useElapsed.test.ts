import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { formatElapsed } from '@/domain/script/scriptSession'
import { useElapsed } from '@/ui/script/useElapsed'

afterEach(() => {
  vi.useRealTimers()
})

describe('useElapsed', () => {
  it('ticks every second from `since`, follows a changed start, and clears its interval with its scope', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-02T10:00:00+08:00'), toFake: ['Date', 'setInterval', 'clearInterval'] })
    const since = ref<number | null>(Date.now())
    const scope = effectScope()
    const elapsed = scope.run(() => useElapsed({ since }))!
    expect(elapsed.label.value).toBe('0:00')
    expect(vi.getTimerCount()).toBe(1)

    vi.advanceTimersByTime(65_000)
    expect(elapsed.label.value).toBe('1:05')

    // A resumed script: the start moves back to the first recorded event.
    since.value = Date.now() - 3_600_000 - 2_000
    await nextTick()
    expect(elapsed.label.value).toBe('1:00:02')

    since.value = null
    expect(elapsed.label.value).toBe('0:00')

    scope.stop()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('uses the clock and interval it is given', () => {
    let now = 1_000_000
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    const scope = effectScope()
    const elapsed = scope.run(() => useElapsed({ since: () => 1_000_000, now: () => now, intervalMs: 5_000 }))!
    now += 4_000
    vi.advanceTimersByTime(4_000)
    expect(elapsed.label.value).toBe('0:00')
    vi.advanceTimersByTime(1_000)
    expect(elapsed.label.value).toBe('0:04')
    scope.stop()
  })
})

describe('formatElapsed', () => {
  it.each([
    [0, '0:00'],
    [999, '0:00'],
    [59_000, '0:59'],
    [600_000, '10:00'],
    [3_599_000, '59:59'],
    [3_600_000, '1:00:00'],
    [-5_000, '0:00'],
  ])('%i ms reads %s', (ms, text) => {
    expect(formatElapsed(ms)).toBe(text)
  })
})
