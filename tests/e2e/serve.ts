/**
 * The e2e web server: copies ./dist into E2E_RUN_DIR/dist (tests edit that copy to "deploy a new build"),
 * makes a fresh E2E_RUN_DIR/data, then starts the real server (src/server/main.ts) on E2E_PORT.
 * Started by playwright.config.ts (`webServer`); needs `npm run build` first.
 */
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { dataDir, servedDist } from './paths'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const builtDist = join(root, 'dist')
if (!existsSync(join(builtDist, 'index.html'))) {
  console.error('tests/e2e/serve.ts: ./dist/index.html is missing — run `npm run build` before the e2e tests.')
  process.exit(1)
}

const dist = servedDist()
const data = dataDir()
rmSync(dist, { recursive: true, force: true })
rmSync(data, { recursive: true, force: true })
cpSync(builtDist, dist, { recursive: true })
mkdirSync(data, { recursive: true })

// A fixed first-admin password for the throwaway database (otherwise a one-time one is printed to the log).
const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? 'e2e-admin-password'

// A demo bank (branches, staff with a known password) so the tests can enrol a tablet as a real one would; it makes
// the administrator too, before the server's first start.
// The compiled server and seed (`npm run build` makes them), run by plain node as `npm start` does; E2E_SERVER_ENTRY
// runs the same tests against another entry (the TypeScript source, through tsx).
const compiled = join(root, 'dist-server')
if (!process.env.E2E_SERVER_ENTRY && !existsSync(join(compiled, 'main.js'))) {
  console.error('tests/e2e/serve.ts: ./dist-server/main.js is missing — run `npm run build` before the e2e tests.')
  process.exit(1)
}
const run = (file: string) => (file.endsWith('.ts') ? ['--import', 'tsx', file] : [file])
const seeded = spawnSync(
  process.execPath,
  run(process.env.E2E_SERVER_ENTRY ? join(root, 'scripts/seed-demo.ts') : join(compiled, 'seed-demo.js')),
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, DATA_DIR: data, DATABASE_URL: '', DEMO_PASSWORD: 'e2e-demo-password', ADMIN_PASSWORD },
  },
)
if (seeded.status !== 0) process.exit(seeded.status ?? 1)

const entry = process.env.E2E_SERVER_ENTRY ? resolve(process.env.E2E_SERVER_ENTRY) : join(compiled, 'main.js')
const child = spawn(process.execPath, run(entry), {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: process.env.E2E_PORT ?? '4317',
    HOST: '127.0.0.1',
    DIST_DIR: dist,
    DATA_DIR: data,
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
    ADMIN_PASSWORD,
    // Alerts go to the local SMTP server alerts.spec.ts listens with (nothing listens otherwise: they wait, queued).
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(Number(process.env.E2E_PORT ?? '4317') + 20_000),
    SMTP_FROM: 'desk@e2e.test',
    // alerts.spec.ts waits for its e-mail: a round every 5 s instead of every minute (the same round, run more often).
    ALERT_ROUND_SECONDS: process.env.E2E_ALERT_ROUND_SECONDS ?? '5',
  },
})
console.log(`e2e server: ${entry} serving ${dist} (data ${data})`)

const stop = (signal: NodeJS.Signals) => {
  child.kill(signal)
}
process.on('SIGINT', () => stop('SIGINT'))
process.on('SIGTERM', () => stop('SIGTERM'))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
