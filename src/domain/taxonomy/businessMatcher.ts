import { codeIndex, resolveCode } from './codeTable'
import { CODE_PATTERN } from './codes'
import { mapLegacy } from './legacyMapping'
import type { Taxonomy } from './taxonomy'

/**
 * Whether a book row's category (a B code, or an old complaint's category) falls under a business type: the
 * tablet filters its book with this, reading old categories through the mapping in force. An old complaint's
 * cause is not on the row, so a mapping that gives B from a cause alone is not seen here (the default gives none).
 */
export function businessMatcher(taxonomy: Taxonomy, code: string): (category: string) => boolean {
  const index = codeIndex(taxonomy.codes)
  return (category) => {
    if (!category) return false
    const own = CODE_PATTERN.test(category) ? category : mapLegacy(taxonomy.mapping, 'B', { category })
    return resolveCode(index, own).startsWith(code)
  }
}
