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
 * The terms of a text as the blind index holds them (each then hashed with the tablet's key): one per distinct
 * character (`c:`) — every CJK character and the first character of each Latin word or number — and the Latin words
 * and numbers themselves (`w:`). Not the pairs of adjacent characters the plaintext index held: a text of ~40
 * characters held ~60 keys, and writing those index entries was most of the cost of a pulled page of new complaints
 * (issue 19, docs/benchmarks.md). A query of several characters is found by its characters' keys, then confirmed on
 * the opened text (blindQuery).
 */
export function blindTextTerms(text: string): string[] {
  const s = text.slice(0, MAX_SEARCH_CHARS).toLowerCase()
  const terms = new Set<string>()
  for (const c of s.match(/[\p{Script=Han}]/gu) ?? []) terms.add(`c:${c}`)
  for (const word of s.match(/[a-z0-9]{2,}/g) ?? []) {
    terms.add(`c:${word[0]}`)
    terms.add(`w:${word}`)
  }
  return [...terms]
}

/**
 * How a word query is looked up in the blind index: `first`, the key term read off the index; `rest`, the terms a
 * text must also hold (checked on its stored keys, nothing opened); `parts`, what the opened text must contain (each
 * part of the query as typed, lower-cased). Undefined when the query holds no indexed character.
 */
export function blindQuery(query: string): { first: string; rest: string[]; parts: string[] } | undefined {
  const needle = query.trim().toLowerCase()
  const terms = blindTextTerms(needle)
  // A Latin word of the query may be the start of a longer word in the text: only its first character is required.
  const [first, ...rest] = terms.filter((t) => t.startsWith('c:'))
  if (!first) return undefined
  return { first, rest, parts: needle.split(/\s+/).filter(Boolean) }
}
