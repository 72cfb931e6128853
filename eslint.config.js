// One ESLint config for the whole project; CI runs it through `npm test`.
import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import tseslint from 'typescript-eslint'
import prettier from 'eslint-config-prettier/flat'

const FIRST_SCREEN_BARREL =
  "The first screen imports the module that defines it (e.g. '@/db/queries', '@/domain/chinaTime'), not a barrel: see ARCHITECTURE.md, \"The first screen stays small\"."

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-server/**',
      'dev-dist/**',
      'node_modules/**',
      'data/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
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
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'vue',
                'vue-*',
                '@vue/*',
                'pinia',
                'vant',
                'dexie',
                'dexie-*',
                'fastify',
                '@fastify/*',
                'pg',
                '@electric-sql/*',
                'workbox-*',
                'node:*',
              ],
              message: 'src/domain is pure TypeScript shared by tablet and server.',
            },
            {
              group: [
                '@/db/*',
                '@/ui/*',
                '@/sync/*',
                '@/server/*',
                '@/sw/*',
                '../db/*',
                '../ui/*',
                '../sync/*',
                '../server/*',
                '../sw/*',
              ],
              message: 'src/domain must not depend on the layers built on it.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'indexedDB', 'process'],
    },
  },
  {
    // Each Vant component comes through src/ui/vant/, which imports its own styles: `from 'vant'` would need Vant's
    // whole stylesheet (52.5 KiB gzipped with its icon font, render-blocking on the first screen; issue 19).
    files: ['src/ui/**/*.{ts,vue}', 'src/main.ts'],
    ignores: ['src/ui/vant/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vant', message: "Import the component from '@/ui/vant/<component>', which loads its styles." },
          ],
          patterns: [
            {
              group: ['vant/*'],
              message:
                "Import the component from '@/ui/vant/<component>', which loads its styles (and never Vant's whole stylesheet).",
            },
          ],
        },
      ],
    },
  },
  {
    // The first screen (ARCHITECTURE.md, "The first screen stays small"): the lock screen, the book it opens on, and every module the
    // first chunk imports eagerly, take what they need from the module that defines it, never through a barrel.
    // A barrel names zod schemas, the fold, the holiday tables and the sync engine; the build prunes what is unused
    // only while every module stays free of side effects, and the initial JS is at its 120 KiB budget. Type imports
    // are erased, so they may use a barrel. Another rule name than the Vant rule above, so both apply here.
    // tests/scripts/firstScreenImports.test.ts checks that this list covers everything the first screen imports.
    files: [
      'src/main.ts',
      'src/ui/App.vue',
      'src/ui/router.ts',
      'src/ui/book/**',
      'src/ui/components/**',
      'src/ui/services/**',
      'src/ui/auth/{useSessionStore,session,lockScreenCopy,api,pinHash,oneTimePassword,messages}.ts',
      'src/ui/stores/{useStatusStore,useClockStore,useSyncStore}.ts',
      'src/ui/composables/{useLiveQuery,useNow,useDueSoonUntil,useIdleLock,useScriptIdleLock,useTaxonomy}.ts',
      'src/ui/pwa/**',
      'src/ui/reminders/{useReminderStore,messages}.ts',
      'src/ui/reminders/ReminderStrip.vue',
      'src/ui/i18n/{index,useToggleLocale}.ts',
      'src/ui/i18n/locales/zh-CN.ts',
      'src/ui/drafts/**',
      'src/ui/format.ts',
      'src/ui/icons.ts',
      'src/db/{ComplaintDb,schema,queries,countAwaiting,dueSoon,meta,metaValues,storageHealth,textRow,reversed,searchTerms}.ts',
      'src/db/crypto/**',
      'src/db/upgrades/**',
      'src/domain/**',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          // Names, not patterns: a pattern '@/db' would match '@/db/queries' too.
          paths: [
            '@/db',
            '@/db/index',
            '@/domain',
            '@/domain/index',
            '@/domain/taxonomy',
            '@/domain/taxonomy/index',
            '@/sync',
            '@/sync/index',
            '.',
            '..',
            '../index',
          ].map((name) => ({ name, allowTypeImports: true, message: FIRST_SCREEN_BARREL })),
        },
      ],
    },
  },
  // Layout is Prettier's (npm run format; checked by npm run lint): the stylistic rules that would fight it are off.
  prettier,
)
