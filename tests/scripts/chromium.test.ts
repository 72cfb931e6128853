import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { chromiumPath, chromiumProblem, findChromium, thisMachine } from '../../scripts/chromium'
import type { Lookup } from '../../scripts/chromium'

/** A machine whose executables are exactly `present`. */
const machine = (present: string[], over: Partial<Lookup> = {}): Lookup => ({
  env: {},
  systemPaths: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'],
  isExecutable: (path) => present.includes(path),
  debian: true,
  ...over,
})

describe('findChromium', () => {
  it('takes CHROMIUM_PATH over a Chromium in /usr/bin', () => {
    const m = machine(['/opt/chrome/chrome', '/usr/bin/chromium'], { env: { CHROMIUM_PATH: '/opt/chrome/chrome' } })
    expect(findChromium(m)).toBe('/opt/chrome/chrome')
  })

  it('refuses a CHROMIUM_PATH that is not there rather than quietly using another browser, and names it', () => {
    const m = machine(['/usr/bin/chromium'], { env: { CHROMIUM_PATH: '/opt/nothing/chrome' } })
    expect(findChromium(m)).toBeNull()
    expect(chromiumProblem(m)).toBe(
      'CHROMIUM_PATH=/opt/nothing/chrome is not an executable file: point it at a Chromium or Chrome binary, or unset it to use /usr/bin/chromium.',
    )
  })

  it('otherwise takes the first usual path that exists, then the usual names on PATH', () => {
    expect(findChromium(machine(['/usr/bin/google-chrome', '/usr/bin/chromium-browser']))).toBe(
      '/usr/bin/chromium-browser',
    )
    const onPath = machine(['/home/me/bin/chromium'], { env: { PATH: '/usr/local/bin:/home/me/bin' } })
    expect(findChromium(onPath)).toBe('/home/me/bin/chromium')
    expect(findChromium(machine([], { env: { PATH: '/usr/local/bin:/home/me/bin' } }))).toBeNull()
  })

  describe('on the real file system', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chromium-test-'))
    afterAll(() => rmSync(dir, { recursive: true, force: true }))
    const real = (path: string) => findChromium({ ...thisMachine, env: { CHROMIUM_PATH: path } })

    it('accepts an executable file and refuses a missing one, one without execute permission, or a directory', () => {
      const browser = join(dir, 'chrome')
      writeFileSync(browser, '#!/bin/sh\n')
      chmodSync(browser, 0o644)
      expect(real(browser)).toBeNull()
      chmodSync(browser, 0o755)
      expect(real(browser)).toBe(browser)
      expect(real(join(dir, 'missing'))).toBeNull()
      mkdirSync(join(dir, 'folder'), { mode: 0o755 })
      expect(real(join(dir, 'folder'))).toBeNull()
    })
  })
})

describe('chromiumPath, when nothing is found', () => {
  it('says in one line what to install on Debian and how to point the tests at a browser', () => {
    expect(() => chromiumPath(machine([]))).toThrow(
      'No Chromium for the browser tests: install it with `sudo apt-get install chromium fonts-noto-cjk`, or set CHROMIUM_PATH=/path/to/chromium, then run npm test again.',
    )
  })

  it('elsewhere names no package manager but still says how to point the tests at a browser', () => {
    const problem = chromiumProblem(machine([], { debian: false }))
    expect(problem).not.toContain('apt-get')
    expect(problem).toContain('CHROMIUM_PATH=')
    expect(problem).not.toContain('\n')
  })
})
