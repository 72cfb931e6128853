import { routeUrl } from '@/domain/api/route'
import type { RequestOf, ResponseOf, RouteContract } from '@/domain/api/route'
import { sendJson } from './apiClient'
import type { SendOptions } from './apiClient'

/**
 * A route of the contract (`src/domain/api/`): the URL is made from its path, params and query, and the answer has the
 * contract's type. It is not parsed again here: the server's route tests parse every answer with the same schema.
 */
export async function callRoute<T extends RouteContract>(
  route: T,
  request: RequestOf<T>,
  options: Omit<SendOptions, 'method' | 'body'> = {},
): Promise<ResponseOf<T>> {
  const { params, query, body } = request as {
    params?: Record<string, unknown>
    query?: Record<string, unknown>
    body?: unknown
  }
  return (await sendJson(routeUrl(route, { params, query }), {
    ...options,
    method: route.method,
    body,
  })) as ResponseOf<T>
}
