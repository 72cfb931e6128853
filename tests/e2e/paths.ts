import { join } from 'node:path'

/** Where the e2e server's copy of ./dist and its data live (made by playwright.config.ts, shared via the env). */
export function runDir(): string {
  const dir = process.env.E2E_RUN_DIR
  if (!dir) throw new Error('E2E_RUN_DIR is not set: run the e2e tests through `npx playwright test`')
  return dir
}

export const servedDist = (): string => join(runDir(), 'dist')
export const dataDir = (): string => join(runDir(), 'data')
