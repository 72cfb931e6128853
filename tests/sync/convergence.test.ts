import { describe, expect, it } from 'vitest'
import { memoryCentre } from '../convergence/memoryCentre'
import { runSchedule } from '../convergence/schedule'

const SEEDS = Number(process.env.CONVERGENCE_MEMORY_SEEDS ?? 50)

/** The convergence schedules against the centre's intake rules in memory: many seeds, fast. */
describe('convergence through a faulty network to the in-memory centre', () => {
  it(`holds for ${SEEDS} seeded schedules`, { timeout: 300_000 }, async () => {
    let faults = 0
    for (let seed = 5000; seed < 5000 + SEEDS; seed++) {
      const deviceId = (i: number) => `tab-${seed}-${i}`
      const report = await runSchedule(seed, memoryCentre(deviceId), { tablets: 3, deviceId })
      faults += Object.values(report.faults).reduce((a, b) => a + b, 0)
    }
    expect(faults).toBeGreaterThan(SEEDS)
  })
})
