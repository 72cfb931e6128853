import { CODE_PATTERN, DIMENSIONS, dimensionOf } from './codes'
import type { CodeEntry, Dimension } from './codes'

/** A code table read for look-ups: entries by code, children in table order. */
export interface CodeIndex {
  entries: CodeEntry[]
  byCode: Map<string, CodeEntry>
  children: Map<string | undefined, CodeEntry[]>
}

const indexes = new WeakMap<CodeEntry[], CodeIndex>()

/** The index of a table (built once per table object: tables are replaced, never mutated). */
export function codeIndex(entries: CodeEntry[]): CodeIndex {
  let index = indexes.get(entries)
  if (!index) {
    const byCode = new Map(entries.map((e) => [e.code, e]))
    const children = new Map<string | undefined, CodeEntry[]>()
    for (const e of entries) children.set(e.parent, [...(children.get(e.parent) ?? []), e])
    index = { entries, byCode, children }
    indexes.set(entries, index)
  }
  return index
}

/** A code's label in a locale ('' for a code the table does not have). */
export function codeLabel(entries: CodeEntry[], code: string | undefined, locale: string): string {
  const e = code ? codeIndex(entries).byCode.get(code) : undefined
  return e ? (locale.startsWith('zh') ? e.zh : e.en) : ''
}

/** The entries of a dimension's top level. */
export function topLevel(index: CodeIndex, dimension: Dimension): CodeEntry[] {
  return (index.children.get(undefined) ?? []).filter((e) => dimensionOf(e.code) === dimension)
}

/** The entry and the levels above it, top first. */
export function lineage(index: CodeIndex, code: string): CodeEntry[] {
  const out: CodeEntry[] = []
  for (let e = index.byCode.get(code); e && out.length < 12; e = e.parent ? index.byCode.get(e.parent) : undefined)
    out.unshift(e)
  return out
}

/** Whether new complaints may be classified under this code: a leaf (or an "其他") that is not retired. */
export function isAssignable(index: CodeIndex, code: string): boolean {
  const e = index.byCode.get(code)
  if (!e || e.retired) return false
  return !(index.children.get(code) ?? []).some((c) => !c.retired)
}

/** The entries new complaints may be classified under, on one dimension, in table order. */
export function assignable(index: CodeIndex, dimension: Dimension): CodeEntry[] {
  return index.entries.filter((e) => dimensionOf(e.code) === dimension && isAssignable(index, e.code))
}

/** Where a complaint classified under `code` is counted: the code itself, or the successor of a retired code. */
export function resolveCode(index: CodeIndex, code: string): string {
  let current = code
  for (let hops = 0; hops < 12; hops++) {
    const next = index.byCode.get(current)?.replacedBy
    if (!next) return current
    current = next
  }
  return current
}

export type CodeProblem =
  | 'badCode'
  | 'duplicate'
  | 'parentMissing'
  | 'notUnderParent'
  | 'replacedByMissing'
  | 'replacedByOtherDimension'
  | 'replacedButActive'
  | 'replacementCycle'
  | 'noAssignable'

/**
 * What makes a code table unusable, entry by entry (empty when it is sound): codes well-formed and unique; a
 * child's code extends its parent's (so ancestors are prefixes, and reports can roll codes up); a retired
 * entry's successor exists on the same dimension without a cycle; every dimension offers something to choose.
 */
export function codeTableProblems(entries: CodeEntry[]): { code: string; problem: CodeProblem }[] {
  const problems: { code: string; problem: CodeProblem }[] = []
  const seen = new Set<string>()
  const byCode = new Map(entries.map((e) => [e.code, e]))
  for (const e of entries) {
    if (!CODE_PATTERN.test(e.code)) problems.push({ code: e.code, problem: 'badCode' })
    if (seen.has(e.code)) problems.push({ code: e.code, problem: 'duplicate' })
    seen.add(e.code)
    if (e.parent !== undefined) {
      if (!byCode.has(e.parent)) problems.push({ code: e.code, problem: 'parentMissing' })
      else if (!e.code.startsWith(e.parent) || e.code === e.parent)
        problems.push({ code: e.code, problem: 'notUnderParent' })
    }
    if (e.replacedBy !== undefined) {
      const next = byCode.get(e.replacedBy)
      if (!next) problems.push({ code: e.code, problem: 'replacedByMissing' })
      else if (dimensionOf(next.code) !== dimensionOf(e.code))
        problems.push({ code: e.code, problem: 'replacedByOtherDimension' })
      if (!e.retired) problems.push({ code: e.code, problem: 'replacedButActive' })
      const chain = new Set([e.code])
      for (let c = byCode.get(e.replacedBy); c?.replacedBy; c = byCode.get(c.replacedBy)) {
        if (chain.has(c.code)) {
          problems.push({ code: e.code, problem: 'replacementCycle' })
          break
        }
        chain.add(c.code)
      }
    }
  }
  if (problems.length === 0) {
    const index = codeIndex(entries)
    for (const d of DIMENSIONS)
      if (assignable(index, d).length === 0) problems.push({ code: d, problem: 'noAssignable' })
  }
  return problems
}
