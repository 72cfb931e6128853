import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { databaseCentre } from '../convergence/databaseCentre'
import { runSchedule } from '../convergence/schedule'

const SEEDS = Number(process.env.CONVERGENCE_SEEDS ?? 5)
const TABLETS = 3

/**
 * Convergence through a faulty network to the real server (Fastify + PGlite on disk, restarted now and then): the
 * schedules of tests/convergence/schedule.ts. The same schedules run by the thousand against the in-memory centre
 * (tests/sync/convergence.test.ts, `npm run test:convergence:10k`).
 */
describe('convergence through a faulty network to the real server', () => {
  it.each(Array.from({ length: SEEDS }, (_, i) => 1000 + i))(
    'seed %i',
    async (seed) => {
      const { centre, deviceId } = await databaseCentre(seed, TABLETS)
      try {
        const report = await runSchedule(seed, centre, { tablets: TABLETS, deviceId })
        expect(Object.values(report.faults).reduce((a, b) => a + b, 0)).toBeGreaterThan(0)
        console.info(
          `seed ${seed}: ${report.complaints} complaints, ${report.events} events, faults ${JSON.stringify(report.faults)}`,
        )
      } finally {
        await centre.close()
      }
    },
    120_000,
  )
})
