import type { CodeEntry } from './codes'

/**
 * What a new code table may not do to the one in force: a code keeps its meaning forever, so that complaints
 * classified under it report the same in every later period. An entry may be relabelled, retired (with a
 * successor) or joined by new ones; it may not disappear or move under another parent.
 */
export function taxonomyChangeProblems(before: CodeEntry[], after: CodeEntry[]): string[] {
  const next = new Map(after.map((e) => [e.code, e]))
  const problems: string[] = []
  for (const e of before) {
    const now = next.get(e.code)
    if (!now)
      problems.push(
        `${e.code} (${e.zh}) was removed: retire it instead, with replacedBy if complaints should be counted elsewhere`,
      )
    else if (now.parent !== e.parent)
      problems.push(
        `${e.code} (${e.zh}) moved from ${e.parent ?? 'the top level'} to ${now.parent ?? 'the top level'}: a code keeps its place; add a new code instead`,
      )
  }
  return problems
}
