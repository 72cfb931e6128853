import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import ts from 'typescript'
import { parse } from 'vue/compiler-sfc'
import { describe, expect, it } from 'vitest'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const RULE = '@typescript-eslint/no-restricted-imports'

/** What a module imports for its values: `import type`, all-type named imports and `import()` are left out. */
function valueImports(file: string): string[] {
  let source = readFileSync(file, 'utf8')
  if (file.endsWith('.vue')) {
    const { descriptor } = parse(source)
    source = [descriptor.script?.content ?? '', descriptor.scriptSetup?.content ?? ''].join('\n')
  }
  const out: string[] = []
  for (const node of ts.createSourceFile(file, source, ts.ScriptTarget.Latest).statements) {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause
      const bindings = clause?.namedBindings
      const onlyTypes =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (!clause.name &&
            bindings !== undefined &&
            ts.isNamedImports(bindings) &&
            bindings.elements.length > 0 &&
            bindings.elements.every((e) => e.isTypeOnly)))
      if (!onlyTypes) out.push((node.moduleSpecifier as ts.StringLiteral).text)
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
      out.push((node.moduleSpecifier as ts.StringLiteral).text)
    }
  }
  return out
}

function resolveSource(spec: string, from: string): string | null {
  const base = spec.startsWith('@/')
    ? join(root, 'src', spec.slice(2))
    : spec.startsWith('.')
      ? resolve(dirname(from), spec)
      : null
  if (!base) return null
  return [base + '.ts', join(base, 'index.ts'), base].find((f) => existsSync(f) && /\.(ts|vue)$/.test(f)) ?? null
}

/** Every source module the first chunk loads: static value imports followed from src/main.ts. */
function firstScreenModules(): string[] {
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    for (const spec of valueImports(file)) {
      const next = resolveSource(spec, file)
      if (next) visit(next)
    }
  }
  visit(join(root, 'src/main.ts'))
  return [...seen].map((f) => relative(root, f)).sort()
}

describe('the first screen imports no barrel', () => {
  it('lints every module the first screen loads with the no-barrel rule (eslint.config.js)', async () => {
    const modules = firstScreenModules()
    // The first screen is the lock screen (every start asks for the PIN): the app shell, not the book, which loads
    // while the PIN is typed and is held to the same rule (its files are in the rule's list).
    expect(modules).toContain('src/ui/App.vue')
    expect(modules).not.toContain('src/ui/book/BookPage.vue')
    const eslint = new ESLint({ cwd: root })
    const unchecked: string[] = []
    for (const file of modules) {
      const config = (await eslint.calculateConfigForFile(join(root, file))) as { rules?: Record<string, unknown> }
      const setting = config.rules?.[RULE]
      if (!Array.isArray(setting) || (setting[0] !== 2 && setting[0] !== 'error')) unchecked.push(file)
    }
    // A module listed here joined the first chunk: add it to the rule's `files` in eslint.config.js, or load it lazily.
    expect(unchecked).toEqual([])
  }, 60_000)

  it('does not reach a barrel from the book', () => {
    const barrels = ['src/db/index.ts', 'src/domain/index.ts', 'src/sync/index.ts', 'src/domain/taxonomy/index.ts']
    expect(firstScreenModules().filter((f) => barrels.includes(f))).toEqual([])
  })
})
