import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Database } from '../db/Database'
import { HttpError } from '../http/errors'
import type { Access, Principal } from './principal'
import { hashToken } from './tokens'

async function resolvePrincipal(db: Database, token: string): Promise<Principal | 'revoked' | null> {
  const hash = hashToken(token)
  const device = await db.query<{ id: string; branch_id: string; revoked_at: Date | null }>(
    'select id, branch_id, revoked_at from devices where token_hash = $1', [hash])
  const d = device.rows[0]
  if (d) {
    if (d.revoked_at) return 'revoked'
    await db.query('update devices set last_seen_at = now() where id = $1', [d.id])
    return { kind: 'device', deviceId: d.id, branchId: d.branch_id }
  }
  const session = await db.query<{ staff_id: string; name: string; role: 'manager' | 'supervisor' | 'admin'; branch_id: string | null; disabled: boolean }>(
    `select s.staff_id, st.name, st.role, st.branch_id, st.disabled from sessions s join staff st on st.id = s.staff_id
     where s.token_hash = $1 and s.revoked_at is null and s.expires_at > now()`, [hash])
  const s = session.rows[0]
  if (!s || s.disabled) return null
  const covered = await db.query<{ branch_id: string }>('select branch_id from staff_branches where staff_id = $1', [s.staff_id])
  const branchIds = [...new Set([...(s.branch_id ? [s.branch_id] : []), ...covered.rows.map((r) => r.branch_id)])]
  return { kind: 'staff', staffId: s.staff_id, name: s.name, role: s.role, branchIds, homeBranchId: s.branch_id }
}

const ROLE_RANK = { manager: 1, supervisor: 2, admin: 3 } as const

/**
 * Every /api route must declare `config.access`; a route that forgets is refused to everyone (fail closed).
 * Devices and staff authenticate with `Authorization: Bearer <token>`; only hashes of tokens are stored.
 */
export function registerAuthentication(app: FastifyInstance, db: Database): void {
  app.decorateRequest('principal', null)
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (!request.url.startsWith('/api/')) return
    const access: Access | undefined = request.routeOptions.config?.access
    if (access === 'public') return
    if (!access) {
      // Unknown /api paths fall through to the 404 handler; a real route without a declared access is a bug.
      if (request.routeOptions.url === undefined) return
      throw new HttpError(403, 'forbidden', 'This endpoint declares no access rule')
    }
    const header = request.headers.authorization ?? ''
    const token = /^Bearer ([\w-]{20,200})$/.exec(header)?.[1]
    if (!token) throw new HttpError(401, 'unauthenticated', 'Sign in or enrol this tablet first')
    const principal = await resolvePrincipal(db, token)
    if (principal === 'revoked') throw new HttpError(401, 'device_revoked', 'This tablet has been revoked by an administrator')
    if (!principal) throw new HttpError(401, 'unauthenticated', 'The session has expired or the token is not valid')
    if (access === 'device' && principal.kind !== 'device') throw new HttpError(403, 'forbidden', 'Only an enrolled tablet may call this')
    if (access !== 'device' && principal.kind === 'staff') {
      const need = access === 'staff' ? 1 : ROLE_RANK[access]
      if (ROLE_RANK[principal.role] < need) throw new HttpError(403, 'forbidden', `Requires the ${access} role`)
    } else if (access !== 'device') {
      throw new HttpError(403, 'forbidden', 'Requires a signed-in staff member')
    }
    request.principal = principal
  })
}
