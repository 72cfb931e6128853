/**
 * Run by `npm test` before the browser tests: finds the Chromium they will drive (scripts/chromium.ts); where there
 * is none and this is Debian or a derivative run as root, installs Debian's chromium and CJK fonts as .ci/run does;
 * otherwise stops with one line saying what to install and how to point the tests at it.
 *
 * Usage: `tsx scripts/ensure-chromium.ts` (exit 0: a Chromium that runs; exit 1: none).
 */
import { spawnSync } from 'node:child_process'
import { pathToFileURL } from 'node:url'
import { chromiumProblem, chromiumVersion, DEBIAN_PACKAGES, findChromium, thisMachine } from './chromium'
import type { Lookup } from './chromium'

export interface Host extends Lookup {
  root: boolean
  /** Runs a command, its errors shown; its exit status. */
  run: (command: string, args: string[]) => number | null
  version: (path: string) => string | null
  say: (line: string) => void
  fail: (line: string) => void
}

export function ensureChromium(host: Host): boolean {
  let path = findChromium(host)
  if (!path && !host.env.CHROMIUM_PATH && host.debian && host.root) {
    host.say(`No Chromium found: installing Debian's ${DEBIAN_PACKAGES.join(' and ')} (apt-get, about 30 s) …`)
    const installed =
      host.run('apt-get', ['update', '-qq']) === 0 &&
      host.run('apt-get', ['install', '-y', '-qq', ...DEBIAN_PACKAGES]) === 0
    if (!installed) {
      host.fail(
        `apt-get could not install ${DEBIAN_PACKAGES.join(' ')} (its errors are above): install Chromium yourself and set CHROMIUM_PATH=/path/to/chromium, then run npm test again.`,
      )
      return false
    }
    path = findChromium(host)
  }
  if (!path) {
    host.fail(chromiumProblem(host))
    return false
  }
  const version = host.version(path)
  if (!version) {
    host.fail(
      `${path} does not run (\`${path} --version\` failed): reinstall it, or set CHROMIUM_PATH to a Chromium that runs.`,
    )
    return false
  }
  host.say(`Browser tests will use ${path} (${version}).`)
  return true
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const ok = ensureChromium({
    ...thisMachine,
    root: process.getuid?.() === 0,
    run: (command, args) =>
      spawnSync(command, args, {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      }).status,
    version: chromiumVersion,
    say: (line) => console.log(line),
    fail: (line) => console.error(line),
  })
  process.exitCode = ok ? 0 : 1
}
