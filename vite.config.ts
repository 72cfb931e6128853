/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs'
import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

const src = fileURLToPath(new URL('./src', import.meta.url))
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }
/** `0.1.0+202612021530`: the version and when it was built (UTC), so the console tells two builds apart. */
const APP_VERSION = `${version}+${new Date().toISOString().slice(0, 16).replace(/\D/g, '')}`

export default defineConfig({
  resolve: { alias: { '@': src } },
  define: { __APP_VERSION__: JSON.stringify(APP_VERSION) },
  plugins: [
    vue(),
    {
      // Vant's component styles import its icon stylesheet: a 45 KB icon font inlined as woff2 (plus a CDN fallback
      // the server's CSP blocks) and a rule per glyph, render-blocking on the first screen (issue 19). The app draws
      // its icons as SVG (src/ui/icons.ts), so the font and the glyph rules are left out; `.van-icon` and its
      // image variant (the toast's SVG marks) stay. scripts/check-bundle-size.ts fails the build if a font returns.
      name: 'vant-icon-font-out',
      enforce: 'pre',
      transform(code, id) {
        if (!/[\\/]vant[\\/](?:es|lib)[\\/]icon[\\/]index\.css$/.test(id.split('?')[0] ?? '')) return null
        return code
          .replace(/@font-face\s*\{[^}]*\}/g, '')
          .replace(/\.van-icon-[\w-]+:before\s*\{content:\s*"[^"]*"\}/g, '')
      },
    },
    VitePWA({
      // 'prompt': a new build waits until the manager accepts, so a half-filled form is saved first.
      registerType: 'prompt',
      injectRegister: false,
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico,woff2,webmanifest}'],
        // Workbox's default limit (2 MiB) stays: a bigger file would silently miss the precache and the app would
        // start blank offline. scripts/check-bundle-size.ts fails the build before that can happen.
        maximumFileSizeToCacheInBytes: 2 * 1024 * 1024,
        // vite-plugin-pwa adds manifest.webmanifest itself (after these transforms): keep one entry, not two.
        manifestTransforms: [
          (entries) => ({ manifest: entries.filter((e) => e.url !== 'manifest.webmanifest'), warnings: [] }),
        ],
      },
      // The icons are in public/ and already matched by globPatterns; listing them again would duplicate entries.
      includeManifestIcons: false,
      manifest: {
        name: '投诉台 · Complaint Desk',
        short_name: '投诉台',
        description: '银行网点客户投诉受理与处理 · Complaint handling for a bank branch',
        lang: 'zh-CN',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#b71c1c',
        background_color: '#faf7f2',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
  ],
  server: { proxy: { '/api': 'http://localhost:8080' } },
  build: { target: 'es2022', sourcemap: false },
  test: {
    // `npm run coverage`: line coverage of every file under src/ (tested or not), summed per layer by
    // scripts/coverage-by-layer.ts.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.{ts,vue}'],
      exclude: ['src/**/*.d.ts'],
      reporter: ['json-summary'],
    },
    projects: [
      {
        extends: true,
        test: { name: 'domain', include: ['tests/domain/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'db',
          include: ['tests/db/**/*.test.ts', 'tests/sync/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['fake-indexeddb/auto', 'tests/support/unlockedTablet.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'ui',
          include: ['tests/ui/**/*.test.ts'],
          environment: 'happy-dom',
          setupFiles: ['fake-indexeddb/auto', 'tests/support/unlockedTablet.ts'],
          // src/ui/vant/ imports Vant's per-component style modules, which import .css that Node cannot load:
          // let Vite process those (the components themselves stay external, one instance for the tests' closeToast).
          server: { deps: { inline: [/vant[\\/]es[\\/][\w-]+[\\/]style[\\/]/] } },
        },
      },
      {
        extends: true,
        test: { name: 'scripts', include: ['tests/scripts/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/support/unlockedTablet.ts'],
          // One migrated PGlite dumped per run, which each file's database is loaded from (tests/server/backends.ts).
          globalSetup: ['tests/support/pgliteTemplateSetup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
