import { rmSync } from 'node:fs'

/** Removes the run's copy of ./dist and its database (made by playwright.config.ts). */
export default function globalTeardown(): void {
  const dir = process.env.E2E_RUN_DIR
  if (dir && !process.env.E2E_KEEP_RUN_DIR) rmSync(dir, { recursive: true, force: true })
}
