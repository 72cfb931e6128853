import type { FastifyError, FastifyInstance } from 'fastify'
import { ZodError } from 'zod'

/** An error the client caused, with a code and a message it can show. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** More the client may show (a wipe order's who and when); never anything about another caller. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
  }
}

/** Fastify's own codes for a request it refused, as the short codes the rest of the API uses. */
const CLIENT_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_VALIDATION: 'invalid',
}
const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
}

/**
 * What of an unexpected error is logged: its kind and where, but no quoted value. PostgreSQL quotes the input it
 * refused (`invalid input syntax for type uuid: "…"`), and that input may be a customer's name or phone.
 */
export function describeInternalError(err: Error): Record<string, unknown> {
  const scrub = (s: string | undefined) => s?.replace(/"[^"]*"|'[^']*'/g, '"…"')
  const e = err as Error & {
    code?: unknown
    constraint?: unknown
    table?: unknown
    column?: unknown
    routine?: unknown
  }
  return {
    type: err.name,
    message: scrub(err.message),
    stack: scrub(err.stack),
    ...Object.fromEntries(
      Object.entries({
        code: e.code,
        constraint: e.constraint,
        table: e.table,
        column: e.column,
        routine: e.routine,
      }).filter(([, v]) => typeof v === 'string'),
    ),
  }
}

/**
 * Every failure becomes `{ error, message }`: 4xx for anything the request did wrong (bad JSON, a body too large,
 * a schema violation), never a stack trace. A 500 is only ever our own bug, logged without the request body.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | HttpError | ZodError, request, reply) => {
    if (err instanceof HttpError)
      return reply.code(err.statusCode).send({ ...err.details, error: err.code, message: err.message })
    if (err instanceof ZodError) {
      const message = err.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')
      // The issues as codes too, so a form can put each next to its field in the user's language.
      return reply.code(400).send({
        error: 'invalid',
        message,
        issues: err.issues.map((i) => ({ path: i.path.map(String), code: i.message })),
      })
    }
    const status = (err as FastifyError).statusCode
    if (status && status >= 400 && status < 500) {
      const code = (err as FastifyError).code
      const error =
        CLIENT_CODES[code] ?? STATUS_CODES[status] ?? (code && !code.startsWith('FST_') ? code : 'bad_request')
      return reply.code(status).send({ error, message: err.message })
    }
    // Under `error`, not `err`: pino's error serializer would take this plain object for an Error and relabel it.
    request.log.error({ error: describeInternalError(err) }, 'request failed')
    return reply.code(500).send({ error: 'internal', message: 'Internal server error' })
  })
}
