const formatters = new Map<string, Intl.DateTimeFormat>()

/**
 * Times are shown in China time whatever the tablet's own time zone (see domain/chinaTime). One formatter per
 * locale: building one costs more than formatting, and the book formats two times per row.
 */
export function formatDateTime(iso: string, locale: string): string {
  let f = formatters.get(locale)
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    })
    formatters.set(locale, f)
  }
  return f.format(new Date(iso))
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`
  return `${Math.max(0, Math.round(n / 1024 ** 2))} MB`
}

/** 138****5678: a phone on a screen in a public banking hall shows only what identifies it to staff. */
export function maskPhone(phone: string | undefined): string {
  if (!phone) return ''
  const d = phone.replace(/\D/g, '')
  return d.length >= 7 ? `${d.slice(0, 3)}****${d.slice(-4)}` : d
}
