import type { FastifyInstance, FastifyRequest } from 'fastify'
import { roleAtLeast } from '../../domain'
import type { StaffRole } from '../../domain'
import type { Database } from '../db/Database'
import { HttpError } from '../http/errors'
import type { Access, Principal } from './principal'
import { resolveDevice } from './deviceTokens'
import type { WipeOrder } from './deviceTokens'
import { hashToken } from './tokens'

async function resolvePrincipal(
  db: Database,
  token: string,
): Promise<Principal | { refused: Exclude<keyof typeof REFUSED, 'device_wipe'> } | WipeOrder | null> {
  const hash = hashToken(token)
  const device = await resolveDevice(db, hash)
  if (device) return device
  const session = await db.query<{
    staff_id: string
    name: string
    role: StaffRole
    branch_id: string | null
    disabled: boolean
    must_change_password: boolean
  }>(
    `select s.staff_id, st.name, st.role, st.branch_id, st.disabled, st.must_change_password from sessions s join staff st on st.id = s.staff_id
     where s.token_hash = $1 and s.revoked_at is null and s.expires_at > now()`,
    [hash],
  )
  const s = session.rows[0]
  if (!s || s.disabled) return null
  const covered = await db.query<{ branch_id: string }>('select branch_id from staff_branches where staff_id = $1', [
    s.staff_id,
  ])
  const branchIds = [...new Set([...(s.branch_id ? [s.branch_id] : []), ...covered.rows.map((r) => r.branch_id)])]
  return {
    kind: 'staff',
    staffId: s.staff_id,
    name: s.name,
    role: s.role,
    branchIds,
    homeBranchId: s.branch_id,
    tokenHash: hash,
    mustChangePassword: s.must_change_password,
  }
}

const REFUSED = {
  device_revoked: 'This tablet has been revoked by an administrator',
  device_wipe: 'This tablet has been revoked by an administrator and must erase its data',
  device_expired: 'This tablet has not synced for too long: a staff member must enrol it again',
  device_unconfirmed: 'The staff member who enrolled this tablet has left: an administrator must confirm the tablet',
} as const

/**
 * Access is decided by the route that matched, after routing, from the route's own `config.access` — never from
 * the request's URL. However a path is spelled (`/%61pi/…`, `//api`, `/API`, a trailing `;x`), either it matches a
 * route and that route's rule applies, or it matches none and the 404 handler answers without running anything.
 * Every route declares its access; one that does not is refused to everyone (fail closed). The static files of the
 * built app are the only routes without a declaration, and `onRoute` marks them public where they are registered.
 * Devices and staff authenticate with `Authorization: Bearer <token>`; only hashes of tokens are stored.
 */
export function registerAuthentication(app: FastifyInstance, db: Database): void {
  app.decorateRequest('principal', null)
  app.decorateRequest('wipeOrdered', false)
  app.addHook('onRequest', async (request: FastifyRequest) => {
    // No route matched: the not-found handler answers, and it reads nothing.
    if (request.routeOptions.url === undefined) return
    const access: Access | undefined = request.routeOptions.config?.access
    if (access === 'public') return
    if (!access) throw new HttpError(403, 'forbidden', 'This endpoint declares no access rule')
    const header = request.headers.authorization ?? ''
    const token = /^Bearer ([\w-]{20,200})$/.exec(header)?.[1]
    if (!token) throw new HttpError(401, 'unauthenticated', 'Sign in or enrol this tablet first')
    const principal = await resolvePrincipal(db, token)
    if (!principal) throw new HttpError(401, 'unauthenticated', 'The session has expired or the token is not valid')
    if ('refused' in principal) {
      if (principal.refused !== 'device_wipe') throw new HttpError(401, principal.refused, REFUSED[principal.refused])
      // Revoked with a wipe: the tablet's last push (and its acknowledgement) still land, once; nothing else does.
      if (access !== 'device' || principal.acknowledged || !request.routeOptions.config.whileWipeOrdered) {
        throw new HttpError(401, 'device_wipe', REFUSED.device_wipe, {
          revokedAt: principal.revokedAt.toISOString(),
          revokedBy: principal.revokedBy,
        })
      }
      request.principal = principal.device
      request.wipeOrdered = true
      return
    }
    if (access === 'device') {
      if (principal.kind !== 'device') throw new HttpError(403, 'forbidden', 'Only an enrolled tablet may call this')
    } else {
      if (principal.kind !== 'staff') throw new HttpError(403, 'forbidden', 'Requires a signed-in staff member')
      if (principal.mustChangePassword && !request.routeOptions.config.whilePasswordMustChange) {
        throw new HttpError(403, 'password_change_required', 'Change your one-time password first')
      }
      if (access !== 'staff' && !roleAtLeast(principal.role, access))
        throw new HttpError(403, 'forbidden', `Requires the ${access} role`)
    }
    request.principal = principal
  })
}
