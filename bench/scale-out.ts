/**
 * Scale-out of the central endpoint: PROCESSES server processes (compiled, `npm run build` first) on one PostgreSQL,
 * TABLETS tablets over BRANCHES branches pushing (a complaint and BATCH−1 notes at a time) and pulling through any
 * process at random for SECONDS; then every tablet pulls to the end and the books are checked.
 *
 *   BENCH_DATABASE_URL=postgres://… npm run bench:scale-out        # 2 processes, 200 tablets, 100 branches, 60 s
 */
import { runScaleOut } from '../tests/server/scaleOut/harness'

const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL
if (!url) {
  console.error('bench:scale-out needs a PostgreSQL server: set BENCH_DATABASE_URL=postgres://user:pass@host/db')
  process.exit(1)
}
const n = (name: string, d: number) => Number(process.env[name] ?? d)
const branches = n('BRANCHES', 100)
const options = {
  url,
  processes: n('PROCESSES', 2),
  branches,
  tabletsPerBranch: Math.max(1, Math.round(n('TABLETS', 200) / branches)),
  seconds: n('SECONDS', 60),
  batch: n('BATCH', 5),
  compiled: process.env.COMPILED !== '0',
}
console.log(
  `${options.processes} server processes, ${branches * options.tabletsPerBranch} tablets over ${branches} branches, ${options.seconds} s, Node ${process.version}`,
)
const r = await runScaleOut(options)
console.log(
  '| processes | tablets | pushes | pulls | events stored | lost | duplicated | skipped by a cursor | push p50 / p99 ms | pull p50 / p99 ms | errors |',
)
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
console.log(
  `| ${options.processes} | ${branches * options.tabletsPerBranch} | ${r.pushes} | ${r.pulls} | ${r.stored} | ${r.lost} | ${r.duplicated} | ${r.skipped} | ${r.pushMs.p50.toFixed(0)} / ${r.pushMs.p99.toFixed(0)} | ${r.pullMs.p50.toFixed(0)} / ${r.pullMs.p99.toFixed(0)} | ${r.errors.length} |`,
)
for (const e of r.errors.slice(0, 10)) console.log(`  ${e}`)
process.exit(r.lost || r.duplicated || r.skipped || r.errors.length ? 1 : 0)
