/**
 * The Chromium that the browser tests (playwright.config.ts) and the browser bench (bench/browser/run.ts) drive:
 * CHROMIUM_PATH when set, else the first of the usual install paths, else the usual names on PATH. Never a
 * downloaded browser. `npm test` runs scripts/ensure-chromium.ts first, which installs Debian's where it can.
 */
import { spawnSync } from 'node:child_process'
import { accessSync, constants, existsSync, statSync } from 'node:fs'
import { delimiter, join } from 'node:path'

/** What .ci/run installs too: the screenshots need the CJK fonts to show Chinese rather than boxes. */
export const DEBIAN_PACKAGES = ['chromium', 'fonts-noto-cjk']

export const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
]
const NAMES_ON_PATH = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']

export interface Lookup {
  env: Record<string, string | undefined>
  systemPaths: readonly string[]
  isExecutable: (path: string) => boolean
  /** Debian or a derivative: apt-get and Debian's package names. */
  debian: boolean
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return statSync(path).isFile()
  } catch {
    return false
  }
}

export const thisMachine: Lookup = {
  env: process.env,
  systemPaths: SYSTEM_PATHS,
  isExecutable,
  debian: existsSync('/etc/debian_version'),
}

/** The browser to drive, or null (then `chromiumProblem` says why). A CHROMIUM_PATH that is wrong is never replaced. */
export function findChromium({ env, systemPaths, isExecutable }: Lookup): string | null {
  if (env.CHROMIUM_PATH) return isExecutable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null
  const onPath = (env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .flatMap((dir) => NAMES_ON_PATH.map((name) => join(dir, name)))
  return [...systemPaths, ...onPath].find(isExecutable) ?? null
}

/** One line for a newcomer when `findChromium` found nothing: what to install and how to point the tests at it. */
export function chromiumProblem({ env, debian }: Pick<Lookup, 'env' | 'debian'>): string {
  if (env.CHROMIUM_PATH) {
    return `CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file: point it at a Chromium or Chrome binary, or unset it to use ${SYSTEM_PATHS[0]}.`
  }
  return debian
    ? `No Chromium for the browser tests: install it with \`sudo apt-get install ${DEBIAN_PACKAGES.join(' ')}\`, or set CHROMIUM_PATH=/path/to/chromium, then run npm test again.`
    : 'No Chromium for the browser tests: install Chromium or Google Chrome (and a CJK font), then run npm test again, with CHROMIUM_PATH=/path/to/its/binary if it is not in /usr/bin or on PATH.'
}

/** For the Playwright config and the bench: `npm test` has already made sure there is one, or stopped. */
export function chromiumPath(machine: Lookup = thisMachine): string {
  const path = findChromium(machine)
  if (!path) throw new Error(chromiumProblem(machine))
  return path
}

/** `Chromium 156.0.8078.114 built on Debian…`, or null when the binary does not run. */
export function chromiumVersion(path: string): string | null {
  const run = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 30_000 })
  return run.status === 0 && run.stdout.trim() ? run.stdout.trim() : null
}
