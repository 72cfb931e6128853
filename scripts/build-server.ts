/**
 * Compiles the central endpoint (and the demo seed) to plain JavaScript in dist-server/, so `npm start` runs it with
 * `node` alone: no TypeScript loader at run time. Packages stay in node_modules (PGlite loads its WebAssembly from
 * beside its own module); only the holiday tables' JSON is inlined, since Node's ESM cannot import JSON without an
 * import attribute.
 */
import { build } from 'esbuild'
import type { Plugin } from 'esbuild'

const inlineJson: Plugin = {
  name: 'inline-package-json-data',
  setup(b) {
    b.onResolve({ filter: /^chinese-days\/.*\.json$/ }, async (args) => {
      const resolved = await b.resolve(`./node_modules/${args.path}`, { resolveDir: process.cwd(), kind: args.kind })
      return { path: resolved.path }
    })
  },
}

const started = Date.now()
await build({
  entryPoints: { main: 'src/server/main.ts', 'seed-demo': 'scripts/seed-demo.ts' },
  outdir: 'dist-server',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  plugins: [inlineJson],
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
  // Bundled ESM still meets CommonJS packages that call require(): give it one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
})
console.log(`server compiled to dist-server/ in ${Date.now() - started} ms`)
