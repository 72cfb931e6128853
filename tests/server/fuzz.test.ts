import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/server/db/Database'
import { BACKENDS } from './backends'
import { runFuzz } from './fuzz/runFuzz'

/** A few hundred requests per route on the embedded database; `npm run fuzz` runs 10,000 and more on both. */
const PER_ROUTE = Number(process.env.FUZZ_PER_ROUTE ?? 150)

describe('the API under fuzzed input (PGlite)', () => {
  let db: Database
  beforeAll(async () => {
    db = await BACKENDS[0]!.open()
  })
  afterAll(async () => {
    await db.close()
  })

  it('never answers 5xx and never changes what was stored before', { timeout: 300_000 }, async () => {
    const outcome = await runFuzz(db, PER_ROUTE * 30, 20261202)
    expect(outcome.serverErrors.slice(0, 5)).toEqual([])
    expect(outcome.changed).toEqual([])
    expect(outcome.byClass['4xx']).toBeGreaterThan(outcome.requests / 2)
    // Some fuzzed requests are valid: the fuzzer reaches the handlers, not only the schemas.
    expect(outcome.byClass['2xx']).toBeGreaterThan(0)
  })
})
