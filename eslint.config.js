// One ESLint config for the whole project; CI runs it through `npm test`.
import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/**', 'dist-server/**', 'dev-dist/**', 'node_modules/**', 'data/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      // TypeScript checks names itself (typescript-eslint's advice); ESLint's rule knows no browser or Node globals.
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    // The domain is shared by the tablet and the server: it must stay free of UI, storage and server frameworks.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['vue', 'vue-*', '@vue/*', 'pinia', 'vant', 'dexie', 'dexie-*', 'fastify', '@fastify/*', 'pg', '@electric-sql/*', 'workbox-*', 'node:*'], message: 'src/domain is pure TypeScript shared by tablet and server.' },
          { group: ['@/db/*', '@/ui/*', '@/sync/*', '@/server/*', '@/sw/*', '../db/*', '../ui/*', '../sync/*', '../server/*', '../sw/*'], message: 'src/domain must not depend on the layers built on it.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'indexedDB', 'process'],
    },
  },
  {
    // Each Vant component comes through src/ui/vant/, which imports its own styles: `from 'vant'` would need Vant's
    // whole stylesheet (52.5 KiB gzipped with its icon font, render-blocking on the first screen; issue 19).
    files: ['src/ui/**/*.{ts,vue}', 'src/main.ts'],
    ignores: ['src/ui/vant/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vant', message: "Import the component from '@/ui/vant/<component>', which loads its styles." }],
        patterns: [{ group: ['vant/*'], message: "Import the component from '@/ui/vant/<component>', which loads its styles (and never Vant's whole stylesheet)." }],
      }],
    },
  },
)
