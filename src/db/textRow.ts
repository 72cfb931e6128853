import type { ComplaintState } from '@/domain'
import type { TextRow } from './schema'
import { MAX_SEARCH_CHARS, searchTerms } from './searchTerms'

/** The book's line shows the start of the description; the whole text is on the complaint's page. */
const SUMMARY_CHARS = 120

export function summaryOf(state: ComplaintState): string {
  return state.description.slice(0, SUMMARY_CHARS)
}

/** What word search finds a complaint by: the start of its description and demand. */
export function textRow(state: ComplaintState): TextRow {
  const text = `${state.description} ${state.demand ?? ''}`.slice(0, MAX_SEARCH_CHARS).toLowerCase()
  return { id: state.id, text, terms: searchTerms(text) }
}
