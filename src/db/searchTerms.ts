/** Only the start of a long text is indexed: enough to find a complaint by what it is about. */
export const MAX_SEARCH_CHARS = 400

/**
 * Index terms for word search in Chinese and English text without a dictionary: every pair of adjacent
 * CJK characters (a query of two or more characters always contains one), the last character of each run of
 * them, and lower-cased Latin words and numbers. A query is looked up by its first term and confirmed on the
 * text; a one-character query by the terms that start with it (the pairs it begins, and the run it ends), so
 * that every text holding the character is found through the index.
 */
export function searchTerms(text: string): string[] {
  const terms = new Set<string>()
  const s = text.slice(0, MAX_SEARCH_CHARS).toLowerCase()
  for (const run of s.match(/[\p{Script=Han}]+/gu) ?? []) {
    const chars = [...run]
    for (let i = 0; i + 1 < chars.length; i++) terms.add(chars[i]! + chars[i + 1]!)
    terms.add(chars.at(-1)!)
  }
  for (const word of s.match(/[a-z0-9]{2,}/g) ?? []) terms.add(word)
  return [...terms]
}

/**
 * The terms of a text as the blind index holds them (each then hashed with the tablet's key): its search terms
 * (`w:`), and each character a one-character query looks for (`c:`) — every CJK character and the first character of
 * each Latin word or number — since a keyed hash has no prefix to range over.
 */
export function blindTextTerms(text: string): string[] {
  const s = text.slice(0, MAX_SEARCH_CHARS).toLowerCase()
  const terms = new Set(searchTerms(s).map((t) => `w:${t}`))
  for (const c of s.match(/[\p{Script=Han}]/gu) ?? []) terms.add(`c:${c}`)
  for (const word of s.match(/[a-z0-9]{2,}/g) ?? []) terms.add(`c:${word[0]}`)
  return [...terms]
}

/** The blind-index term a query is looked up by: its first search term, or the one character it is. */
export function blindQueryTerm(query: string): string | undefined {
  const needle = query.trim().toLowerCase()
  if ([...needle].length === 1) return `c:${needle}`
  const [first] = searchTerms(needle)
  return first ? `w:${first}` : undefined
}
