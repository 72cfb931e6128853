/**
 * Builds the benchmark pages (the harness and the empty Vue page) for production, as the app is built, to be
 * served under /bench/ beside the app: `vite build -c bench/browser/vite.config.ts --outDir <dist>/bench`.
 */
import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'

const here = fileURLToPath(new URL('.', import.meta.url))

export default defineConfig({
  root: here,
  base: '/bench/',
  resolve: { alias: { '@': fileURLToPath(new URL('../../src', import.meta.url)) } },
  build: {
    target: 'es2022',
    sourcemap: false,
    emptyOutDir: true,
    rollupOptions: { input: { harness: `${here}harness.html`, empty: `${here}empty.html` } },
  },
  logLevel: 'warn',
})
