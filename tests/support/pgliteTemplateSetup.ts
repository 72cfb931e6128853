import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { migrate } from '../../src/server/db/migrate'
import { wrapPglite } from '../../src/server/db/openPglite'

/**
 * Global setup of the server project: one PGlite, migrated, dumped to a tarball that every test file's database is
 * loaded from (tests/server/backends.ts). A fresh PGlite runs initdb (5–8 s on a two-core machine) and the migrations;
 * loading the tarball takes about a third of that, and each file still gets a database of its own. Made anew on
 * every run from the current migrations, so it cannot go stale; the workers find it through the env
 * (PGLITE_TEMPLATE).
 */
export default async function setup(): Promise<(() => void) | undefined> {
  // PGLITE_TEMPLATE=off: every file runs initdb and the migrations itself, as before (to compare or to bisect).
  if (process.env.PGLITE_TEMPLATE === 'off') return undefined
  const dir = mkdtempSync(join(tmpdir(), 'pglite-template-'))
  const file = join(dir, 'migrated.tar')
  const pg = await PGlite.create()
  try {
    await migrate(wrapPglite(pg))
    writeFileSync(file, new Uint8Array(await (await pg.dumpDataDir('none')).arrayBuffer()))
  } finally {
    await pg.close()
  }
  process.env.PGLITE_TEMPLATE = file
  return () => rmSync(dir, { recursive: true, force: true })
}
