import type { FastifyError, FastifyInstance } from 'fastify'
import { ZodError } from 'zod'

/** An error the client caused, with a code and a message it can show. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/**
 * Every failure becomes `{ error, message }`: 4xx for anything the request did wrong (bad JSON, a body too large,
 * a schema violation), never a stack trace. A 500 is only ever our own bug, logged without the request body.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | HttpError | ZodError, request, reply) => {
    if (err instanceof HttpError) return reply.code(err.statusCode).send({ error: err.code, message: err.message })
    if (err instanceof ZodError) {
      const message = err.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')
      return reply.code(400).send({ error: 'invalid', message })
    }
    const status = (err as FastifyError).statusCode
    if (status && status >= 400 && status < 500) {
      return reply.code(status).send({ error: (err as FastifyError).code ?? 'bad_request', message: err.message })
    }
    request.log.error({ err: { message: err.message, stack: err.stack } }, 'request failed')
    return reply.code(500).send({ error: 'internal', message: 'Internal server error' })
  })
}
