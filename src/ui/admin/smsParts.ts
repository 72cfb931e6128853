/**
 * How many messages a text takes: 160 characters in one (153 per part when split) for plain ASCII, 70 (67 per part)
 * as soon as one character needs UCS-2 — any Chinese character does.
 */
export function smsParts(text: string): { n: number; parts: number } {
  const n = [...text].length
  // eslint-disable-next-line no-control-regex
  const ascii = /^[\x00-\x7f]*$/.test(text)
  const [single, part] = ascii ? [160, 153] : [70, 67]
  return { n, parts: n <= single ? 1 : Math.ceil(n / part) }
}
