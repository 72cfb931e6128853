import { taxonomyLabel } from '@/domain/complaint/taxonomy'
import type { ComplaintState } from '@/domain/complaint/state'
import { codeIndex, lineage } from '@/domain/taxonomy/codeTable'
import { DIMENSIONS } from '@/domain/taxonomy/codes'
import type { Dimension } from '@/domain/taxonomy/codes'
import { classify } from '@/domain/taxonomy/taxonomy'
import type { Taxonomy } from '@/domain/taxonomy/taxonomy'

export interface ClassificationLine {
  dimension: Dimension
  code: string | null
  /** The entry and the levels above it ("前台业务渠道 › 电子渠道 › 网银"). */
  path: string
  mapped: boolean
}

/**
 * A complaint's classification as the complaint page and the printed record show it, and the old category and
 * cause it was recorded with (kept as they were; empty for a complaint recorded with codes). A state stored at the
 * centre before the codes has neither `codes` nor `preStandard`: it is an old complaint.
 */
export function classificationLines(
  c: ComplaintState,
  taxonomy: Taxonomy,
  locale: string,
): { lines: ClassificationLine[]; original: string } {
  const zh = locale.startsWith('zh')
  const index = codeIndex(taxonomy.codes)
  const preStandard = c.preStandard ?? true
  const result = classify({ codes: c.codes ?? {}, preStandard, category: c.category, cause: c.cause }, taxonomy)
  const lines = DIMENSIONS.map((dimension) => {
    const r = result[dimension]
    const path = r
      ? lineage(index, r.code)
          .map((e) => (zh ? e.zh : e.en))
          .join(' › ') || r.code
      : ''
    return { dimension, code: r?.code ?? null, path, mapped: r?.source === 'mapped' }
  })
  const original = preStandard
    ? [
        taxonomyLabel(taxonomy.legacy.categories, c.category, locale),
        taxonomyLabel(taxonomy.legacy.causes, c.cause, locale),
      ]
        .filter(Boolean)
        .join(' · ')
    : ''
  return { lines, original }
}
