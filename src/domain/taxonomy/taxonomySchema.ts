import { z } from 'zod'
import { codeIndex, codeTableProblems, isAssignable, resolveCode } from './codeTable'
import type { CodeProblem } from './codeTable'
import { CODE_PATTERN, DIMENSIONS, dimensionOf } from './codes'
import type { Dimension } from './codes'
import { safeString } from '../text/safeText'
import { DEFAULT_TAXONOMY } from './taxonomy'
import type { Taxonomy } from './taxonomy'

const code = z
  .string()
  .regex(CODE_PATTERN, { error: 'not a code: a dimension letter A, B or C, then capital letters and digits' })
const codeOf = (d: Dimension) => code.refine((c) => dimensionOf(c) === d, { error: `not a code of dimension ${d}` })
const codes = z.object({ A: codeOf('A').optional(), B: codeOf('B').optional(), C: codeOf('C').optional() })

const codeEntry = z.object({
  code,
  parent: code.optional(),
  zh: safeString().trim().min(1).max(60),
  en: safeString().trim().min(1).max(80),
  other: z.boolean().optional(),
  provisional: z.boolean().optional(),
  retired: z.boolean().optional(),
  replacedBy: code.optional(),
})
const legacyEntry = z.object({
  id: z.string().regex(/^[\w-]{1,40}$/),
  zh: safeString().trim().min(1).max(40),
  en: safeString().trim().min(1).max(60),
  retired: z.boolean().optional(),
})
const legacy = z.object({ categories: z.array(legacyEntry).max(100), causes: z.array(legacyEntry).max(100) })
const oldValues = z.record(safeString().max(40), codes)

const PROBLEMS: Record<CodeProblem, string> = {
  badCode: 'is not a well-formed code',
  duplicate: 'is used by more than one entry',
  parentMissing: 'names a parent that is not in the table',
  notUnderParent: "must extend its parent's code",
  replacedByMissing: 'is replaced by a code that is not in the table',
  replacedByOtherDimension: 'is replaced by a code of another dimension',
  replacedButActive: 'has a successor but is not retired',
  replacementCycle: 'is replaced in a cycle',
  noAssignable: 'has no entry a complaint can be classified under',
}

const current = z
  .object({
    codes: z.array(codeEntry).min(3).max(500),
    legacy,
    mapping: z.object({
      categories: oldValues,
      causes: oldValues,
      fallback: z.object({ A: codeOf('A'), B: codeOf('B'), C: codeOf('C') }),
    }),
  })
  .superRefine((t, ctx) => {
    for (const p of codeTableProblems(t.codes))
      ctx.addIssue({ code: 'custom', path: ['codes'], message: `${p.code} ${PROBLEMS[p.problem]}` })
    if (ctx.issues?.length) return
    // Old complaints must land on something a complaint can be classified under (after a retired code's successor).
    const index = codeIndex(t.codes)
    const lands = (c: string) => isAssignable(index, resolveCode(index, c))
    for (const list of ['categories', 'causes'] as const) {
      for (const [value, mapped] of Object.entries(t.mapping[list])) {
        for (const d of DIMENSIONS) {
          const c = mapped[d]
          if (c && !lands(c))
            ctx.addIssue({
              code: 'custom',
              path: ['mapping', list, value, d],
              message: `${c} is not a code a complaint can be classified under`,
            })
        }
      }
    }
    for (const d of DIMENSIONS) {
      if (!lands(t.mapping.fallback[d]))
        ctx.addIssue({
          code: 'custom',
          path: ['mapping', 'fallback', d],
          message: `${t.mapping.fallback[d]} is not a code a complaint can be classified under`,
        })
    }
  })

const before = legacy
  .extend({ categories: legacy.shape.categories.min(1), causes: legacy.shape.causes.min(1) })
  .transform((old): Taxonomy => ({ ...DEFAULT_TAXONOMY, legacy: old }))

/**
 * The taxonomy setting. The shape from before the standard's codes (`{ categories, causes }`) is still read, as the
 * labels of old values under the default code tables and mapping, so a centre that had set it keeps working.
 */
export const taxonomySchema: z.ZodType<Taxonomy, unknown> = z.unknown().transform((value, ctx) => {
  const shaped = typeof value === 'object' && value !== null && 'codes' in value ? current : before
  const r = shaped.safeParse(value)
  if (r.success) return r.data
  for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message })
  return z.NEVER
})
