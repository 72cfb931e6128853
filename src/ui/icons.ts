/**
 * The app's icons as SVG path data (24 × 24, drawn with a 2 px round stroke in the current text colour), one export
 * each so a screen's bundle carries only the icons it shows (the first screen's JS budget is nearly full).
 * Emoji and symbol characters are not used as icons: a tablet without an emoji font shows them as empty boxes
 * (issue 15), and Vant's icon font (45 KB of render-blocking CSS, issue 19) is kept out of the build.
 */
export type Icon = readonly string[]

export const iconCheck: Icon = ['M4.5 12.5l5 5L19.5 7']
export const iconCross: Icon = ['M6 6l12 12', 'M18 6L6 18']
export const iconWarning: Icon = ['M12 3.5L22 20H2Z', 'M12 9.5v5', 'M12 17.3v.2']
export const iconLock: Icon = ['M5 11h14v10H5Z', 'M8 11V8a4 4 0 0 1 8 0v3']
export const iconPrinter: Icon = ['M7 9V3h10v6', 'M7 17H4V9h16v8h-3', 'M7 14h10v7H7Z']
export const iconDownload: Icon = ['M12 3v12', 'M7 10l5 5 5-5', 'M4 20h16']
export const iconPencil: Icon = ['M15 4l5 5L9 20H4v-5Z', 'M12.5 6.5l5 5']
export const iconMail: Icon = ['M3 6h18v12H3Z', 'M3 6l9 7 9-7']
export const iconPhone: Icon = [
  'M5 3.5h4l2 5-2.5 1.5a11 11 0 0 0 5.5 5.5L15.5 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 5.5a2 2 0 0 1 2-2Z',
]
export const iconSync: Icon = ['M8 20V5', 'M4 9l4-4 4 4', 'M16 4v15', 'M12 15l4 4 4-4']
export const iconArrowUp: Icon = ['M12 20V5', 'M6 11l6-6 6 6']
export const iconArrowDown: Icon = ['M12 4v15', 'M6 13l6 6 6-6']
export const iconPlus: Icon = ['M12 5v14', 'M5 12h14']
export const iconChevronRight: Icon = ['M9 5l7 7-7 7']
export const iconChevronLeft: Icon = ['M15 5l-7 7 7 7']
export const iconChat: Icon = ['M4 5h16v11H10l-6 4Z']
export const iconCamera: Icon = ['M3 8h4l2-3h6l2 3h4v11H3Z', 'M12 10a3.5 3.5 0 1 0 0 7a3.5 3.5 0 1 0 0-7Z']
export const iconFile: Icon = ['M6 3h8l4 4v14H6Z', 'M14 3v4h4', 'M9 13h6', 'M9 17h6']
export const iconImage: Icon = ['M4 5h16v14H4Z', 'M4 16l5-5 4 4 2-2 5 5', 'M15 9.2v.1']

/** A stand-alone SVG document, for places that take an image URL (Vant's toast icon) rather than markup. */
export function iconDataUrl(icon: Icon, color = '#fff'): string {
  const paths = icon.map((d) => `<path d="${d}"/>`).join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="${color}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${paths}</svg>`
  return `data:image/svg+xml,${encodeURIComponent(svg)}`
}
