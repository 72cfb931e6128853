import { afterEach, describe, expect, it, vi } from 'vitest'
import { SETTLE_MS, useCommand } from '@/ui/composables/useCommand'

afterEach(() => {
  vi.useRealTimers()
})

/** A command that saves when told to: the test decides when the write path answers. */
function slowSave(result: boolean) {
  const calls: number[] = []
  let finish: () => void = () => undefined
  const command = useCommand(async () => {
    calls.push(calls.length + 1)
    await new Promise<void>((resolve) => (finish = resolve))
    return result
  })
  return { command, calls, finish: () => finish() }
}

describe('useCommand: the one guard on what the UI records', () => {
  it('ignores a second tap while the first is being saved', async () => {
    const { command, calls, finish } = slowSave(true)
    const first = command.run()
    const second = command.run()
    expect(command.busy.value).toBe(true)
    finish()
    await Promise.all([first, second])
    expect(calls).toEqual([1])
  })

  it('stays quiet after a save until the next screen has had time to show, then takes taps again', async () => {
    vi.useFakeTimers()
    const { command, calls, finish } = slowSave(true)
    const first = command.run()
    finish()
    await first
    // A tap landing as the screen changes (100–300 ms later on a slow tablet) records nothing.
    await command.run()
    vi.advanceTimersByTime(300)
    await command.run()
    expect(calls).toEqual([1])
    expect(command.busy.value).toBe(true)
    vi.advanceTimersByTime(SETTLE_MS)
    expect(command.busy.value).toBe(false)
    const again = command.run()
    finish()
    await again
    expect(calls).toEqual([1, 2])
  })

  it('takes the next tap at once when nothing was saved (a refusal, a form to fix)', async () => {
    const { command, calls, finish } = slowSave(false)
    const first = command.run()
    finish()
    await first
    expect(command.busy.value).toBe(false)
    const second = command.run()
    finish()
    await second
    expect(calls).toEqual([1, 2])
  })

  it('is free again after the command throws', async () => {
    const command = useCommand(async () => {
      throw new Error('disk gone')
    })
    await expect(command.run()).rejects.toThrow('disk gone')
    expect(command.busy.value).toBe(false)
  })
})
