import type { FastifyRequest } from 'fastify'
import type { StaffRole } from '../../domain'

/** Who is calling: a tablet (bound to one branch) or a signed-in staff member. */
export type DevicePrincipal = { kind: 'device'; deviceId: string; branchId: string; tokenHash: string }
export type StaffPrincipal = {
  kind: 'staff'
  staffId: string
  name: string
  role: StaffRole
  branchIds: string[]
  homeBranchId: string | null
  tokenHash: string
  /** Signed in with a one-time password: only changing it (or signing out) is allowed until then. */
  mustChangePassword: boolean
}
export type Principal = DevicePrincipal | StaffPrincipal

/** What a route requires; every route declares one (a test walks the route table to check). */
export type Access = 'public' | 'device' | 'staff' | 'supervisor' | 'admin'

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null
    /** The calling tablet was revoked with a wipe and has not yet acknowledged it (only `whileWipeOrdered` routes). */
    wipeOrdered: boolean
  }
  interface FastifyContextConfig {
    access?: Access
    /** A staff session that must change its one-time password may still call this route. */
    whilePasswordMustChange?: boolean
    /** A tablet revoked with a wipe may still call this route until it acknowledges (its last push, the acknowledgement). */
    whileWipeOrdered?: boolean
  }
}

/** The tablet calling a `device` route (the access hook has already checked it). */
export function deviceOf(request: FastifyRequest): DevicePrincipal {
  const p = request.principal
  if (p?.kind !== 'device') throw new Error('deviceOf on a route that is not device-only')
  return p
}

/** The staff member calling a `staff`, `supervisor` or `admin` route (the access hook has already checked it). */
export function staffOf(request: FastifyRequest): StaffPrincipal {
  const p = request.principal
  if (p?.kind !== 'staff') throw new Error('staffOf on a route that is not for staff')
  return p
}
