import { LEGACY_TAXONOMY } from '../complaint/taxonomy'
import type { LegacyTaxonomy } from '../complaint/taxonomy'
import { codeIndex, resolveCode } from './codeTable'
import { DIMENSIONS } from './codes'
import type { CodeEntry, Codes, Dimension } from './codes'
import { JRT_0169_2018 } from './jrt0169'
import { DEFAULT_LEGACY_MAPPING, mapLegacy } from './legacyMapping'
import type { LegacyMapping } from './legacyMapping'

/** The classification every tablet and the centre use, set centrally (`PUT /api/settings/taxonomy`). */
export interface Taxonomy {
  /** The code tables of the three dimensions. */
  codes: CodeEntry[]
  /** The app's earlier categories and causes: the labels of the values old complaints still carry. */
  legacy: LegacyTaxonomy
  /** How old complaints are upgraded to codes. */
  mapping: LegacyMapping
}

export const DEFAULT_TAXONOMY: Taxonomy = {
  codes: JRT_0169_2018,
  legacy: LEGACY_TAXONOMY,
  mapping: DEFAULT_LEGACY_MAPPING,
}

/** What a complaint carries that its classification is read from (its folded state, or the centre's projection). */
export interface Classifiable {
  codes: Codes
  /** Recorded before the app classified by the standard: dimensions not chosen since come from the upgrade mapping. */
  preStandard: boolean
  category?: string | null
  cause?: string | null
}

export interface Classification {
  code: string
  /** Chosen by staff, or given by the upgrade mapping of the complaint's old category and cause. */
  source: 'chosen' | 'mapped'
}

/**
 * A complaint's code on each dimension, as it is shown and counted: a chosen code (a retired one's successor
 * where it has one), else for an old complaint the mapping's; null where a new complaint is not classified yet.
 */
export function classify(c: Classifiable, taxonomy: Taxonomy): Record<Dimension, Classification | null> {
  const index = codeIndex(taxonomy.codes)
  const out = {} as Record<Dimension, Classification | null>
  for (const d of DIMENSIONS) {
    const chosen = c.codes[d]
    if (chosen) out[d] = { code: resolveCode(index, chosen), source: 'chosen' }
    else if (c.preStandard) out[d] = { code: resolveCode(index, mapLegacy(taxonomy.mapping, d, c)), source: 'mapped' }
    else out[d] = null
  }
  return out
}
