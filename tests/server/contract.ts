import type { FastifyInstance } from 'fastify'
import { expect } from 'vitest'
import { routeUrl } from '@/domain/api/route'
import type { RequestOf, ResponseOf, RouteContract } from '@/domain/api/route'

/**
 * Calls a route as the tablet's client does (from its contract) and parses the answer with the contract's response
 * schema: a test fails when the server sends what the tablet would not read as typed.
 */
export async function answer<T extends RouteContract>(
  app: FastifyInstance,
  route: T,
  request: RequestOf<T> & { headers?: Record<string, string> },
): Promise<ResponseOf<T>> {
  const res = await app.inject({
    method: route.method,
    url: routeUrl(route, request as { params?: Record<string, unknown>; query?: Record<string, unknown> }),
    headers: request.headers,
    ...(request.body === undefined ? {} : { payload: request.body as object }),
  })
  expect(res.statusCode, res.body).toBe(200)
  return expectContract(route, res.json())
}

/** The answer parsed by the route's response schema (with every issue in the failure's message). */
export function expectContract<T extends RouteContract>(route: T, body: unknown): ResponseOf<T> {
  const parsed = route.response.safeParse(body)
  expect(parsed.success ? [] : parsed.error.issues, `${route.method} ${route.path} answers per its contract`).toEqual(
    [],
  )
  return parsed.data as ResponseOf<T>
}
