import { assignable, codeIndex, lineage, topLevel } from '@/domain/taxonomy/codeTable'
import type { CodeEntry, Dimension } from '@/domain/taxonomy/codes'

export interface PickerOption {
  code: string
  /** The entry's own label. */
  label: string
  /** The levels above it, for an entry found by search or shown among the most used ("前台业务渠道 › 电子渠道"). */
  path: string
  provisional: boolean
}

export interface PickerGroup {
  /** The top-level entry the options belong to (null: top-level entries chosen directly). */
  heading: string | null
  options: PickerOption[]
}

const labelOf = (e: CodeEntry, zh: boolean) => (zh ? e.zh : e.en)

function option(codes: CodeEntry[], e: CodeEntry, zh: boolean): PickerOption {
  const above = lineage(codeIndex(codes), e.code).slice(0, -1)
  return {
    code: e.code,
    label: labelOf(e, zh),
    path: above.map((a) => labelOf(a, zh)).join(' › '),
    provisional: !!e.provisional,
  }
}

/**
 * The entries offered first: those this tablet has used most on a dimension (and still offers), most used first,
 * then the standard's first entries up to `limit`, so a new tablet offers something at once.
 */
export function frequentOptions(
  codes: CodeEntry[],
  d: Dimension,
  usage: Record<string, number>,
  zh: boolean,
  limit = 6,
): PickerOption[] {
  const all = assignable(codeIndex(codes), d)
  const used = all.filter((e) => (usage[e.code] ?? 0) > 0).sort((a, b) => usage[b.code]! - usage[a.code]!)
  const rest = all.filter((e) => !used.includes(e))
  return [...used, ...rest].slice(0, limit).map((e) => option(codes, e, zh))
}

/** Entries that can be chosen whose code starts with the query, or whose label or a label above it contains it. */
export function searchOptions(codes: CodeEntry[], d: Dimension, query: string, zh: boolean): PickerOption[] {
  const q = query.trim().toLowerCase()
  if (!q) return []
  const index = codeIndex(codes)
  return assignable(index, d)
    .filter(
      (e) =>
        e.code.toLowerCase().startsWith(q) ||
        lineage(index, e.code).some((a) => a.zh.includes(q) || a.en.toLowerCase().includes(q)),
    )
    .map((e) => option(codes, e, zh))
}

/** Every entry that can be chosen, in the standard's order, grouped under its top-level entry. */
export function groupedOptions(codes: CodeEntry[], d: Dimension, zh: boolean): PickerGroup[] {
  const index = codeIndex(codes)
  const choosable = new Set(assignable(index, d).map((e) => e.code))
  const groups: PickerGroup[] = []
  for (const top of topLevel(index, d)) {
    const last = groups.at(-1)
    if (choosable.has(top.code)) {
      // Top-level entries chosen directly share a group without a heading, in the standard's order.
      if (last && last.heading === null) last.options.push(option(codes, top, zh))
      else groups.push({ heading: null, options: [option(codes, top, zh)] })
      continue
    }
    const under = index.entries.filter(
      (e) => e.code !== top.code && e.code.startsWith(top.code) && choosable.has(e.code),
    )
    if (under.length) groups.push({ heading: labelOf(top, zh), options: under.map((e) => option(codes, e, zh)) })
  }
  return groups
}
