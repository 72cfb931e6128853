/**
 * `npm run test:convergence:10k`: CONVERGENCE_SEEDS (default 10,000) seeded multi-tablet schedules against the centre's
 * intake rules in memory (tests/convergence/schedule.ts), spread over one worker thread per core. Prints the figures
 * and every diverging seed (replay one with CONVERGENCE_FROM=<seed> CONVERGENCE_SEEDS=1); exits 1 on any.
 * CONVERGENCE_KEEP=webcrypto,broadcast,stacks keeps what tests/convergence/fastTablets.ts changes, for comparison.
 */
import 'fake-indexeddb/auto'
import { availableParallelism } from 'node:os'
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'

const FROM = Number(process.env.CONVERGENCE_FROM ?? 1)
const SEEDS = Number(process.env.CONVERGENCE_SEEDS ?? 10_000)

interface Result {
  seed: number
  ok: boolean
  message?: string
  events?: number
  faults?: number
}

if (isMainThread) {
  const threads = Math.min(Number(process.env.CONVERGENCE_THREADS ?? availableParallelism()), SEEDS)
  const started = Date.now()
  const failures: Result[] = []
  let done = 0
  let events = 0
  let faults = 0
  console.log(`convergence: ${SEEDS} schedules from seed ${FROM} on ${threads} threads (3 tablets, 60 steps each)`)
  await Promise.all(
    Array.from(
      { length: threads },
      (_, k) =>
        new Promise<void>((resolve, reject) => {
          // A worker loads this same file as TypeScript through tsx's loader, registered first.
          const boot = `import('tsx/esm/api').then(({ register }) => { register({ tsconfig: 'tsconfig.test.json' }); return import(${JSON.stringify(import.meta.url)}) })`
          const worker = new Worker(boot, { eval: true, workerData: { k, threads } })
          worker.on('message', (r: Result) => {
            done++
            if (!r.ok) failures.push(r)
            events += r.events ?? 0
            faults += r.faults ?? 0
            if (done % 500 === 0) console.log(`  ${done} schedules, ${Math.round((Date.now() - started) / 1000)} s`)
          })
          // A worker that dies (an unhandled rejection in a tablet's code) fails the run; its seeds are then missing.
          worker.on('error', (e: Error) => reject(new Error(`worker ${k} died: ${e?.message ?? String(e)}`)))
          worker.on('exit', () => resolve())
        }),
    ),
  )
  const seconds = (Date.now() - started) / 1000
  // CPU time of all threads beside the wall clock: on a shared machine the wall clock says more about the neighbours.
  const { user, system } = process.cpuUsage()
  console.log(
    `${done} schedules in ${seconds.toFixed(0)} s (${(done / seconds).toFixed(1)}/s; ${((user + system) / 1e6).toFixed(0)} s of CPU): ${events} events stored, ${faults} network faults, ${failures.length} diverged`,
  )
  for (const f of failures.slice(0, 20)) console.log(`  ${f.message}`)
  if (done !== SEEDS) console.log(`  ${SEEDS - done} schedules never reported`)
  process.exit(failures.length || done !== SEEDS ? 1 : 0)
} else {
  // Before Dexie loads: see fastTablets.ts for what it changes around the tablets' code, and why.
  const { fastTablets } = await import('../tests/convergence/fastTablets')
  const keep = (process.env.CONVERGENCE_KEEP ?? '').split(',')
  fastTablets({
    webCrypto: keep.includes('webcrypto'),
    broadcast: keep.includes('broadcast'),
    stacks: keep.includes('stacks'),
  })
  const { memoryCentre } = await import('../tests/convergence/memoryCentre')
  const { runSchedule } = await import('../tests/convergence/schedule')
  // The tablets seal what they store (issue 17): each schedule starts unlocked, as under vitest's setup file.
  const { keysUnlocked } = await import('../src/db/crypto/keyring')
  const { unlockForTests } = await import('../tests/support/tabletKeys')
  const { k, threads } = workerData as { k: number; threads: number }
  // Several schedules at once in a thread (CONVERGENCE_CONCURRENCY): each has its own tablets and centre, so they
  // only share the thread's time, filling what one leaves idle.
  const lanes = Math.max(1, Number(process.env.CONVERGENCE_CONCURRENCY ?? 1))
  const seeds: number[] = []
  for (let seed = FROM + k; seed < FROM + SEEDS; seed += threads) seeds.push(seed)
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let seed = seeds.shift(); seed !== undefined; seed = seeds.shift()) {
        const deviceId = (i: number) => `tab-${seed}-${i}`
        try {
          if (!keysUnlocked()) await unlockForTests()
          const r = await runSchedule(seed, memoryCentre(deviceId), { tablets: 3, deviceId })
          parentPort!.postMessage({
            seed,
            ok: true,
            events: r.events,
            faults: Object.values(r.faults).reduce((a, b) => a + b, 0),
          } satisfies Result)
        } catch (e) {
          const message = (e as Error).message
          parentPort!.postMessage({
            seed,
            ok: false,
            message: message.startsWith(`seed ${seed}:`) ? message : `seed ${seed}: ${message}`,
          } satisfies Result)
        }
      }
    }),
  )
}
