/**
 * Prints line coverage per layer of the app (src/domain, src/db, src/sync, src/ui, src/server, src/sw) from the
 * summary Vitest's V8 coverage writes (`coverage/coverage-summary.json`, reporter `json-summary`). One number per
 * layer says where tests are thin; the per-file report (`coverage/index.html` with `--coverage.reporter=html`) says why.
 *
 * Usage: `tsx scripts/coverage-by-layer.ts [summary.json]` (run by `npm run coverage` after the tests).
 */
import { existsSync, readFileSync } from 'node:fs'
import { relative, resolve, sep } from 'node:path'

interface Totals {
  total: number
  covered: number
}
type Summary = Record<string, { lines: Totals }>

export const LAYERS = ['domain', 'db', 'sync', 'ui', 'server', 'sw'] as const

/** Sums the files' lines by the folder under src/ they live in; files elsewhere count under `other`. */
export function linesByLayer(summary: Summary, root: string): Map<string, Totals & { files: number }> {
  const out = new Map<string, Totals & { files: number }>()
  for (const [file, { lines }] of Object.entries(summary)) {
    if (file === 'total') continue
    const parts = relative(root, file).split(sep)
    const layer = parts[0] === 'src' && parts.length > 2 ? parts[1]! : 'other'
    const t = out.get(layer) ?? { total: 0, covered: 0, files: 0 }
    out.set(layer, { total: t.total + lines.total, covered: t.covered + lines.covered, files: t.files + 1 })
  }
  return out
}

const pct = (t: Totals) => (t.total ? (100 * t.covered) / t.total : 100).toFixed(1).padStart(5)

function main(): void {
  const path = resolve(process.argv[2] ?? 'coverage/coverage-summary.json')
  if (!existsSync(path)) {
    console.error(`No coverage summary at ${path}: run the tests with --coverage.enabled first (npm run coverage).`)
    process.exit(1)
  }
  const byLayer = linesByLayer(JSON.parse(readFileSync(path, 'utf8')) as Summary, process.cwd())
  const order = [...LAYERS, ...[...byLayer.keys()].filter((l) => !(LAYERS as readonly string[]).includes(l)).sort()]
  console.log('\nLine coverage by layer')
  console.log('layer        files   lines  covered      %')
  let all: Totals = { total: 0, covered: 0 }
  for (const layer of order) {
    const t = byLayer.get(layer)
    if (!t) continue
    all = { total: all.total + t.total, covered: all.covered + t.covered }
    console.log(
      `${`src/${layer}`.padEnd(12)} ${String(t.files).padStart(5)} ${String(t.total).padStart(7)} ${String(t.covered).padStart(8)}  ${pct(t)}`,
    )
  }
  console.log(
    `${'all'.padEnd(12)} ${''.padStart(5)} ${String(all.total).padStart(7)} ${String(all.covered).padStart(8)}  ${pct(all)}\n`,
  )
}

main()
