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
