import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createTestI18n } from '../support/testI18n'

/**
 * Issue 15: icons drawn as emoji or symbol characters (⚠ ⇅ 🔒 🖨 ✓ …) show as empty boxes on a tablet without an
 * emoji font. Icons are SVG (src/ui/icons.ts, AppIcon.vue). Allowed: the plain arrows ← and →, which every font
 * with Chinese has and which read as text ("修改前 → 修改后").
 */
const PICTOGRAPH =
  /(?![←→])(?:[\p{Extended_Pictographic}\p{Emoji_Presentation}\u2190-\u21FF\u2300-\u23FF\u2460-\u24FF\u25A0-\u27BF\u2900-\u297F\u2B00-\u2BFF\uFF0B]|\uFE0F)/gu

// A path, not `new URL(…)`: happy-dom's URL replaces Node's in this test environment.
const uiDir = join(dirname(fileURLToPath(import.meta.url)), '../../src/ui')

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : /\.(vue|ts)$/.test(d.name) ? [join(dir, d.name)] : [],
  )
}

function found(text: string): string[] {
  return [...new Set(text.match(PICTOGRAPH) ?? [])]
}

function strings(value: unknown, path: string, out: { path: string; text: string }[]): void {
  if (typeof value === 'string') out.push({ path, text: value })
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) strings(v, path ? `${path}.${k}` : k, out)
  }
}

describe('no emoji or symbol characters as icons', () => {
  it('recognises the characters it forbids, and lets plain text through', () => {
    expect(found('⚠ 🔒 🖨 ⇅ ✓ ✕ ✗ ✎ ✉ ☎ ⬇ ⓘ ↑ ↓ ＋ ❤️')).toEqual([
      '⚠',
      '🔒',
      '🖨',
      '⇅',
      '✓',
      '✕',
      '✗',
      '✎',
      '✉',
      '☎',
      '⬇',
      'ⓘ',
      '↑',
      '↓',
      '＋',
      '❤',
      '\uFE0F',
    ])
    expect(found('修改前 → 修改后 · ← 返回 — 2026年12月3日（周四）「投诉」')).toEqual([])
  })

  it('in the source of the screens (.vue and .ts under src/ui)', () => {
    const offenders = sources(uiDir).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => {
          const chars = found(line)
          return chars.length ? [`${relative(uiDir, file)}:${i + 1} ${chars.join(' ')}`] : []
        }),
    )
    expect(offenders).toEqual([])
  })

  it('nor Vant icon-font glyphs, which the build leaves out (a button\'s `icon="arrow"`, a popup\'s default close mark)', () => {
    const offenders = sources(uiDir).flatMap((file) => {
      const text = readFileSync(file, 'utf8')
      const tags = text.match(/<(?:VanButton|Popup)\b[^>]*>/g) ?? []
      return tags
        .filter(
          (tag) =>
            /\s(?::icon|icon)="(?![^"]*\/)[^"]*"/.test(tag) || (/\scloseable\b/.test(tag) && !/:close-icon=/.test(tag)),
        )
        .map((tag) => `${relative(uiDir, file)}: ${tag}`)
    })
    expect(offenders).toEqual([])
  })

  it.each(['zh-CN', 'en'] as const)('in every %s message', (locale) => {
    const all: { path: string; text: string }[] = []
    strings(createTestI18n(locale).global.getLocaleMessage(locale), '', all)
    expect(all.length).toBeGreaterThan(500)
    expect(all.filter((m) => found(m.text).length > 0).map((m) => `${m.path}: ${m.text}`)).toEqual([])
  })
})
