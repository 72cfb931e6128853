import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { lockKeys } from '@/db/crypto/keyring'
import { memoryCentre } from '../convergence/memoryCentre'
import { runSchedule } from '../convergence/schedule'
import { uninstallSyncSubtle } from '../support/syncSubtle'
import { unlockForTests } from '../support/tabletKeys'
import { fastTablets } from '../convergence/fastTablets'

const SEEDS = Number(process.env.CONVERGENCE_MEMORY_SEEDS ?? 50)

/** The convergence schedules against the centre's intake rules in memory: many seeds, fast. */
describe('convergence through a faulty network to the in-memory centre', () => {
  // The synchronous stand-in for WebCrypto, as test:convergence:10k seals (same bytes: tests/db/syncSubtle.test.ts);
  // the keys are made again under it. Vitest's own stack traces are kept.
  beforeAll(async () => {
    fastTablets({ stacks: true, broadcast: true })
    await unlockForTests()
  })
  afterAll(() => {
    uninstallSyncSubtle()
    lockKeys()
  })

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
