/** The digits last first: a phone's tail (尾号), as customers give it, is then a prefix the index serves. */
export function reversed(digits: string): string {
  return [...digits].reverse().join('')
}
