/**
 * The bank works in China time (UTC+8, no daylight saving) whatever time zone a tablet is set to,
 * so times typed into and shown by the app are China wall-clock times.
 */
export const CHINA_OFFSET_MS = 8 * 3600_000

/** `YYYY-MM-DDTHH:mm` in China time, the value format of an `<input type="datetime-local">`. */
export function toChinaLocalInput(date: Date): string {
  return new Date(date.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16)
}

/** The ISO instant for a China wall-clock `YYYY-MM-DDTHH:mm`; null when the text is not such a time. */
export function fromChinaLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null
  const ms = Date.parse(`${value}:00+08:00`)
  if (Number.isNaN(ms)) return null
  const iso = `${value}:00+08:00`
  // Reject dates that do not exist (2026-02-30 parses to March 2 in some engines).
  return toChinaLocalInput(new Date(ms)) === value ? iso : null
}

/** The China calendar date `YYYY-MM-DD` of an instant. */
export function chinaDate(iso: string | Date): string {
  const ms = typeof iso === 'string' ? Date.parse(iso) : iso.getTime()
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}
