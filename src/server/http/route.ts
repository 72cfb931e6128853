import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ParsedRequestOf, ReplyOf, RouteContract } from '../../domain/api/route'
import { deviceOf, staffOf } from '../auth/principal'
import type { Access, DevicePrincipal, StaffPrincipal } from '../auth/principal'

/** The caller a route's access admits, as the access hook has already checked it. */
type PrincipalFor<A extends Access> = A extends 'public' ? null : A extends 'device' ? DevicePrincipal : StaffPrincipal

export interface RouteContext<T extends RouteContract, A extends Access> extends ParsedRequestOf<T> {
  request: FastifyRequest
  reply: FastifyReply
  principal: PrincipalFor<A>
}

/**
 * Registers a route from its contract (`src/domain/api/`): the params, query and body are parsed with the contract's
 * schemas before the handler runs (a violation is a 400 with its issues), the handler gets the caller typed by the
 * route's access (no cast: `staffOf`/`deviceOf` check it), and what it returns must have the contract's answer type.
 * Answers are not parsed at run time (a register of 2000 records would pay for it); the route tests parse each one.
 */
export function route<T extends RouteContract, A extends Access>(
  app: FastifyInstance,
  contract: T,
  options: { access: A; whilePasswordMustChange?: boolean; whileWipeOrdered?: boolean },
  handler: (ctx: RouteContext<T, A>) => Promise<ReplyOf<T>>,
): void {
  app.route({
    method: contract.method,
    url: contract.path,
    config: {
      access: options.access,
      whilePasswordMustChange: options.whilePasswordMustChange,
      whileWipeOrdered: options.whileWipeOrdered,
    },
    handler: async (request, reply) => {
      const parsed = {
        params: contract.params?.parse(request.params),
        query: contract.query?.parse(request.query),
        body: contract.body?.parse(request.body),
      } as ParsedRequestOf<T>
      const principal = (
        options.access === 'public' ? null : options.access === 'device' ? deviceOf(request) : staffOf(request)
      ) as PrincipalFor<A>
      return handler({ ...parsed, request, reply, principal })
    },
  })
}
