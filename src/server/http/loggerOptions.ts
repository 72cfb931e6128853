import type { FastifyRequest, FastifyServerOptions } from 'fastify'

type LoggerOption = FastifyServerOptions['logger']
type LoggerObject = Exclude<LoggerOption, boolean | undefined>

/**
 * Customer data must never reach a log line. Bodies are never logged; these paths are blanked if an object that
 * carries them is ever logged anyway, at the top of the log line or up to two levels down (a pino `*` is exactly
 * one level: `{ body: { customer } }` is caught by `*.customer`, `{ event: { payload: { customer } } }` by
 * `*.*.customer`).
 */
export const LOG_REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.body',
  'res.body',
  'customer',
  'phone',
  'password',
  'token',
  '*.customer',
  '*.name',
  '*.phone',
  '*.password',
  '*.token',
  '*.*.customer',
  '*.*.name',
  '*.*.phone',
  '*.*.password',
  '*.*.token',
  // An SMS request's personal fields (sms.requested), wherever one is logged by mistake.
  'recipientPhone',
  'messageText',
  '*.recipientPhone',
  '*.messageText',
  '*.*.recipientPhone',
  '*.*.messageText',
  // An attachment's name and caption (attachment.added) may name the customer; its bytes are never logged at all.
  'fileName',
  'caption',
  '*.fileName',
  '*.caption',
  '*.*.fileName',
  '*.*.caption',
]

const SAFE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,39}$/

/**
 * A request as it is logged: method, path, the names of its query parameters but never their values (a search
 * by phone number must not land in the log), and the caller's address.
 */
export function serializeRequest(req: FastifyRequest): { method: string; url: string; remoteAddress: string } {
  const [path = '', query] = req.url.split('?', 2)
  // A name that does not look like one of ours (`?13912345678`) could itself be data: it is blanked too.
  const names = query
    ? [...new Set([...new URLSearchParams(query).keys()].map((n) => (SAFE_NAME.test(n) ? n : '…')))]
    : []
  return {
    method: req.method,
    url: names.length ? `${path}?${names.map((n) => `${n}=…`).join('&')}` : path,
    remoteAddress: req.ip,
  }
}

/**
 * The logger options every app gets, whatever the caller passed: the request serializer above, and the redact
 * list added to the caller's own. `false`/undefined stays silent; `true` means level info.
 */
export function loggerOptions(logger: LoggerOption): LoggerOption {
  if (!logger) return false
  const base: LoggerObject = logger === true ? { level: 'info' } : logger
  const own = base.redact
  const paths = [...new Set([...(Array.isArray(own) ? own : (own?.paths ?? [])), ...LOG_REDACT])]
  return {
    ...base,
    redact: { censor: '[redacted]', ...(Array.isArray(own) || !own ? {} : own), paths },
    serializers: { ...base.serializers, req: serializeRequest as never },
  }
}
