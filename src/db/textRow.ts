import type { ComplaintState } from '@/domain'
import type { TextRow } from './schema'
import { MAX_SEARCH_CHARS, searchTerms } from './searchTerms'

/** The book's line shows the start of the description; the whole text is on the complaint's page. */
const SUMMARY_CHARS = 120

export function summaryOf(state: ComplaintState): string {
  return state.description.slice(0, SUMMARY_CHARS)
}

/**
 * What word search finds a complaint by: the customer's name (so a given name or one character of it finds
 * them, not only the start the name index serves) and the start of the description and demand.
 */
export function textRow(state: ComplaintState): TextRow {
  return textRowOf(state.id, `${state.customer.name} ${state.description} ${state.demand ?? ''}`)
}

export function textRowOf(id: string, text: string): TextRow {
  const indexed = text.slice(0, MAX_SEARCH_CHARS).toLowerCase()
  return { id, text: indexed, terms: searchTerms(indexed) }
}
