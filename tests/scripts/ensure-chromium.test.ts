import { spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ensureChromium } from '../../scripts/ensure-chromium'
import type { Host } from '../../scripts/ensure-chromium'

/** A machine with the executables in `present`; apt-get "installs" /usr/bin/chromium unless `aptFails`. */
function host(present: string[], over: Partial<Host> & { aptFails?: boolean } = {}) {
  const commands: string[] = []
  const said: string[] = []
  const failed: string[] = []
  const h: Host = {
    env: {},
    systemPaths: ['/usr/bin/chromium', '/usr/bin/chromium-browser'],
    isExecutable: (path) => present.includes(path),
    debian: true,
    root: false,
    run: (command, args) => {
      commands.push([command, ...args].join(' '))
      if (over.aptFails) return 100
      if (args[0] === 'install') present.push('/usr/bin/chromium')
      return 0
    },
    version: () => 'Chromium 156.0.8078.114',
    say: (line) => said.push(line),
    fail: (line) => failed.push(line),
    ...over,
  }
  return { ok: () => ensureChromium(h), commands, said, failed }
}

describe('ensureChromium', () => {
  it('with a Chromium in place, says which one and installs nothing', () => {
    const h = host(['/usr/bin/chromium'], { root: true })
    expect(h.ok()).toBe(true)
    expect(h.commands).toEqual([])
    expect(h.said).toEqual(['Browser tests will use /usr/bin/chromium (Chromium 156.0.8078.114).'])
  })

  it('on Debian as root with none, installs chromium and the CJK fonts as .ci/run does, then uses it', () => {
    const h = host([], { root: true })
    expect(h.ok()).toBe(true)
    expect(h.commands).toEqual(['apt-get update -qq', 'apt-get install -y -qq chromium fonts-noto-cjk'])
    expect(h.said.at(-1)).toBe('Browser tests will use /usr/bin/chromium (Chromium 156.0.8078.114).')
    expect(h.failed).toEqual([])
  })

  it('without root, installs nothing and stops with one line saying what to install and how to point the tests at it', () => {
    const h = host([])
    expect(h.ok()).toBe(false)
    expect(h.commands).toEqual([])
    expect(h.failed).toEqual([
      'No Chromium for the browser tests: install it with `sudo apt-get install chromium fonts-noto-cjk`, or set CHROMIUM_PATH=/path/to/chromium, then run npm test again.',
    ])
  })

  it('as root but without apt (not Debian), installs nothing and stops with one line', () => {
    const h = host([], { root: true, debian: false })
    expect(h.ok()).toBe(false)
    expect(h.commands).toEqual([])
    expect(h.failed).toHaveLength(1)
    expect(h.failed[0]).toContain('CHROMIUM_PATH=/path/to/its/binary')
  })

  it('when apt-get fails, stops with one line', () => {
    const h = host([], { root: true, aptFails: true })
    expect(h.ok()).toBe(false)
    expect(h.commands).toEqual(['apt-get update -qq'])
    expect(h.failed).toEqual([
      'apt-get could not install chromium fonts-noto-cjk (its errors are above): install Chromium yourself and set CHROMIUM_PATH=/path/to/chromium, then run npm test again.',
    ])
  })

  it('never installs over a wrong CHROMIUM_PATH: the newcomer meant that browser', () => {
    const h = host([], { root: true, env: { CHROMIUM_PATH: '/opt/nothing/chrome' } })
    expect(h.ok()).toBe(false)
    expect(h.commands).toEqual([])
    expect(h.failed[0]).toMatch(/^CHROMIUM_PATH=\/opt\/nothing\/chrome is not an executable file/)
  })

  it('refuses a browser that does not start', () => {
    const h = host(['/usr/bin/chromium-browser'], { version: () => null })
    expect(h.ok()).toBe(false)
    expect(h.failed).toEqual([
      '/usr/bin/chromium-browser does not run (`/usr/bin/chromium-browser --version` failed): reinstall it, or set CHROMIUM_PATH to a Chromium that runs.',
    ])
  })
})

describe('scripts/ensure-chromium.ts as npm test runs it', () => {
  const root = resolve(import.meta.dirname, '../..')
  const dir = mkdtempSync(join(tmpdir(), 'ensure-chromium-test-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const run = (chromiumPath: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/ensure-chromium.ts'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CHROMIUM_PATH: chromiumPath },
    })

  it('exits 1 with one line and no stack trace when CHROMIUM_PATH points at nothing', () => {
    const r = run(join(dir, 'missing-chrome'))
    expect(r.status).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe(
      `CHROMIUM_PATH=${join(dir, 'missing-chrome')} is not an executable file: point it at a Chromium or Chrome binary, or unset it to use /usr/bin/chromium.\n`,
    )
  })

  it('exits 0 and names the browser and its version when CHROMIUM_PATH points at one that runs', () => {
    const fake = join(dir, 'chrome')
    writeFileSync(fake, '#!/bin/sh\necho "Chromium 1.2.3 test build"\n')
    chmodSync(fake, 0o755)
    const r = run(fake)
    expect(r.status).toBe(0)
    expect(r.stdout).toBe(`Browser tests will use ${fake} (Chromium 1.2.3 test build).\n`)
  })
})
