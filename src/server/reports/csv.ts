/**
 * CSV that Excel opens with Chinese text intact: UTF-8 with a byte-order mark, CRLF line ends, every field
 * quoted. A field starting with = + - @, a tab or a carriage return is prefixed with ' so a spreadsheet never runs
 * it as a formula (OWASP's CSV injection rule: Excel skips a leading tab or CR and reads the formula behind it).
 */
export function toCsv(header: string[], rows: unknown[][]): string {
  const cell = (v: unknown) => {
    let s = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v)
    // Numbers are ours (a count, a rate); text may be anyone's.
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`
    return `"${s.replaceAll('"', '""')}"`
  }
  return '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n'
}
