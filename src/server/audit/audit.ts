import type { FastifyRequest } from 'fastify'
import type { Queryable } from '../db/Database'
import { staffOf } from '../auth/principal'

/**
 * Records an administrative action in the append-only audit log: who (the signed-in staff member, or `actorId` when
 * the action is done on someone's behalf — a tablet enrolled with the code they issued), from which address, what
 * and on what, and the values before and after. Never customer data: staff, branches, tablets and settings only.
 */
export async function audit(
  db: Queryable,
  request: FastifyRequest,
  action: string,
  target: string | null,
  change: { before?: unknown; after?: unknown } = {},
  actorId: string = staffOf(request).staffId,
): Promise<void> {
  await db.query(
    'insert into audit_log (actor_id, address, action, target, before, after) values ($1, $2, $3, $4, $5, $6)',
    [
      actorId,
      request.ip,
      action,
      target,
      change.before === undefined ? null : JSON.stringify(change.before),
      change.after === undefined ? null : JSON.stringify(change.after),
    ],
  )
}
