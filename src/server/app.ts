import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import helmet from '@fastify/helmet'
import fastifyStatic from '@fastify/static'
import Fastify from 'fastify'
import type { FastifyServerOptions } from 'fastify'
import type { Database } from './db/Database'
import { registerErrorHandling } from './http/errors'
import { loggerOptions } from './http/loggerOptions'
import { registerRoutes } from './routes/registerRoutes'
import type { SmsService } from './routes/smsRoutes'

export interface AppOptions {
  db: Database
  distDir: string
  logger?: FastifyServerOptions['logger']
  /** Sign-in attempts allowed per minute per address and user (tests lower it). */
  signInPerMinute?: number
  /** Which reverse proxies' X-Forwarded-For to believe (TRUST_PROXY): a hop count or a list of addresses/CIDRs. */
  trustProxy?: number | string[]
  /** The bank's SMS gateway, when the administrator configured one (SMS_GATEWAY_URL …). */
  sms?: SmsService
  /** Attachments' bytes a branch may upload per day (ATTACHMENT_MB_PER_BRANCH_DAY; 500 MiB unless set). */
  attachmentBytesPerBranchDay?: number
}

export { LOG_REDACT } from './http/loggerOptions'

/** Hashed build output from Vite: safe to cache for a year. Everything else must be revalidated. */
const HASHED = /^\/assets\//

export async function buildApp(options: AppOptions) {
  const app = Fastify({
    // Request lines are logged (method, path, names of query parameters, status), never bodies or query values;
    // the redact list applies whatever logger options the caller passed.
    logger: loggerOptions(options.logger),
    bodyLimit: 1024 * 1024,
    // A hop count trusts that many proxies in front (proxy-addr's hop index starts at 0 for the nearest).
    trustProxy:
      typeof options.trustProxy === 'number' ? hopsTrusted(options.trustProxy) : (options.trustProxy ?? false),
  })
  registerErrorHandling(app)
  // The route table, for the tests that call every route without credentials and with other spellings of its path.
  const routeTable: { method: string; url: string; access?: string }[] = []
  app.addHook('onRoute', (r) => {
    // The built app's files (@fastify/static gives each its own route, with the file in its config) are public;
    // every other route declares its access where it is defined.
    if (!r.config?.access && typeof (r.config as { file?: unknown } | undefined)?.file === 'string')
      r.config = { ...r.config, access: 'public' }
    for (const method of [r.method].flat()) routeTable.push({ method, url: r.url, access: r.config?.access })
  })
  app.decorate('routeTable', routeTable)
  // Answers carry customers' personal data: nothing may be kept by a browser or a proxy unless a route says so
  // (the app's static files set their own rules below).
  app.addHook('onSend', async (_request, reply) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store')
  })

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        // 'wasm-unsafe-eval' lets the lock screen compile Argon2id's WebAssembly (hash-wasm, issue 17); JavaScript's
        // eval stays refused.
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        // Vue and Vant set inline style attributes; no script is ever inline.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    // Tablets reach a branch server over plain HTTP on the LAN: do not force HTTPS here (the proxy does).
    hsts: false,
    crossOriginEmbedderPolicy: false,
  })

  await registerRoutes(app, {
    db: options.db,
    signInPerMinute: options.signInPerMinute ?? 10,
    sms: options.sms,
    attachmentBytesPerBranchDay: options.attachmentBytesPerBranchDay,
  })

  const root = resolve(options.distDir)
  const built = existsSync(join(root, 'index.html'))
  if (built) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      cacheControl: false,
      setHeaders: (reply, path) => {
        const rel = path.slice(root.length).replaceAll('\\', '/')
        reply.header('cache-control', HASHED.test(rel) ? 'public, max-age=31536000, immutable' : 'no-cache')
      },
    })
  }

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!
    if (/^\/+(?:\.\/)*api(?:[/;]|$)/i.test(safeDecode(path))) {
      return reply.code(404).send({ error: 'not_found', message: `No such endpoint: ${request.method} ${path}` })
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return reply.code(404).send({ error: 'not_found', message: 'Not found' })
    }
    if (!built) return reply.code(503).type('text/plain; charset=utf-8').send('App not built: run npm run build')
    // A path inside the app (a deep link such as /complaints/123): the shell, always revalidated.
    if (/\.[a-z0-9]+$/i.test(path)) return reply.code(404).type('text/plain').send('Not found')
    return reply.header('cache-control', 'no-cache').sendFile('index.html')
  })

  return app
}

function hopsTrusted(hops: number) {
  return (_address: string, hop: number) => hop < hops
}

/** Decoded until it no longer changes (a double-encoded /%2561pi is still an API path), or as far as it decodes. */
function safeDecode(path: string): string {
  let s = path
  for (let i = 0; i < 4; i++) {
    try {
      const next = decodeURIComponent(s)
      if (next === s) break
      s = next
    } catch {
      break
    }
  }
  return s
}
