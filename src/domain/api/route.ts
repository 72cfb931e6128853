import type { z } from 'zod'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/**
 * One route of the central API as both sides see it: the server registers its handler from this (`src/server/http/route.ts`,
 * which parses the params, query and body with these schemas and types the handler's answer by `response`), and the
 * tablet calls it through its one client (`src/client/apiClient.ts`), whose answer is typed by the same schema. The
 * server's tests parse every answer with `response`, so the type the tablet reads is the shape the server sends.
 */
export interface RouteContract {
  method: Method
  /** Fastify's pattern: `:name` segments are filled from `params`. */
  path: string
  params?: z.ZodType
  query?: z.ZodType
  body?: z.ZodType
  response: z.ZodType
}

export function defineRoute<const T extends RouteContract>(route: T): T {
  return route
}

type Part<T extends RouteContract, K extends 'params' | 'query' | 'body'> = T[K] extends z.ZodType ? T[K] : undefined
type Input<S> = S extends z.ZodType ? z.input<S> : never
type Output<S> = S extends z.ZodType ? z.output<S> : undefined

/** What a caller sends: the params, query and body the route declares (each only when it declares it). */
export type RequestOf<T extends RouteContract> = (Part<T, 'params'> extends z.ZodType
  ? { params: Input<Part<T, 'params'>> }
  : { params?: never }) &
  (Part<T, 'query'> extends z.ZodType ? { query: Input<Part<T, 'query'>> } : { query?: never }) &
  (Part<T, 'body'> extends z.ZodType ? { body: Input<Part<T, 'body'>> } : { body?: never })

/** The parsed params, query and body a handler receives. */
export type ParsedRequestOf<T extends RouteContract> = {
  params: Output<Part<T, 'params'>>
  query: Output<Part<T, 'query'>>
  body: Output<Part<T, 'body'>>
}

/** The answer as the tablet reads it. */
export type ResponseOf<T extends RouteContract> = z.output<T['response']>
/** The answer as a handler may return it (before any transform of the schema). */
export type ReplyOf<T extends RouteContract> = z.input<T['response']>

/** The route's path with its `:name` segments filled in, and its query, as a URL to call. */
export function routeUrl(
  route: RouteContract,
  request: { params?: Record<string, unknown>; query?: Record<string, unknown> },
): string {
  const path = route.path.replace(/:(\w+)/g, (_, name: string) =>
    encodeURIComponent(String(request.params?.[name] ?? '')),
  )
  // Spelled out rather than URLSearchParams: src/domain has no DOM (and no Node) library.
  const query = Object.entries(request.query ?? {})
    .flatMap(([key, value]) =>
      [value]
        .flat()
        .filter((v) => v !== undefined && v !== null)
        .map((v) => `${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`),
    )
    .join('&')
  return query ? `${path}?${query}` : path
}
