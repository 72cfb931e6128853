/**
 * CSV that Excel opens with Chinese text intact: UTF-8 with a byte-order mark, CRLF line ends, every field
 * quoted. A field starting with = + - @ is prefixed with ' so a spreadsheet never runs it as a formula.
 */
export function toCsv(header: string[], rows: unknown[][]): string {
  const cell = (v: unknown) => {
    let s = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v)
    if (/^[=+\-@]/.test(s)) s = `'${s}`
    return `"${s.replaceAll('"', '""')}"`
  }
  return '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n'
}
