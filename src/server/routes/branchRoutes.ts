import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { branchInputSchema, newId, recordIdSchema } from '../../domain'
import type { Database, Queryable } from '../db/Database'
import { audit } from '../audit/audit'
import { ENROLMENT_CODE_TTL_MS, hashEnrolmentCode, newEnrolmentCode } from '../auth/enrolmentCodes'
import { staffOf } from '../auth/principal'
import { deskOverview } from '../desk/deskOverview'
import { centreClockContext } from '../settings/centreClockContext'
import { HttpError } from '../http/errors'
import { route } from '../http/route'
import { adminBranchesRoute } from '../../domain/api/adminApi'

const branchParams = z.object({ id: recordIdSchema() })

interface BranchRow {
  id: string
  name: string
  code: string | null
  createdAt: string
}

async function readBranch(db: Queryable, id: string): Promise<BranchRow> {
  const row = (
    await db.query<BranchRow>('select id, name, code, created_at as "createdAt" from branches where id = $1', [id])
  ).rows[0]
  if (!row) throw new HttpError(404, 'no_branch', 'No such branch')
  return row
}

/** A unique code taken by another branch is a 409 the form can explain, not a constraint's 500. */
async function assertCodeFree(db: Queryable, code: string, except?: string): Promise<void> {
  const taken = await db.query('select 1 from branches where code = $1 and id is distinct from $2', [
    code,
    except ?? null,
  ])
  if (taken.rows.length) throw new HttpError(409, 'code_taken', 'Another branch already has this code')
}

/** Branches: the administrator's list with what runs in each, adding and renaming, and enrolment codes for tablets. */
export function branchRoutes(app: FastifyInstance, db: Database): void {
  route(app, adminBranchesRoute, { access: 'admin' }, async () => {
    const { rows } = await db.query<BranchRow & { tablets: number; staff: number }>(
      `select b.id, b.name, b.code, b.created_at as "createdAt",
         (select count(*)::int from devices d where d.branch_id = b.id and d.revoked_at is null and d.expired_at is null) as tablets,
         (select count(*)::int from staff s where not s.disabled and (s.branch_id = b.id
            or s.id in (select staff_id from staff_branches sb where sb.branch_id = b.id))) as staff
       from branches b order by b.created_at, b.id`,
    )
    const complaints = new Map((await deskOverview(db, rows, await centreClockContext(db))).map((o) => [o.branchId, o]))
    return { branches: rows.map((b) => ({ ...b, complaints: complaints.get(b.id) })) }
  })

  app.post('/api/branches', { config: { access: 'admin' } }, async (request) => {
    const body = branchInputSchema.parse(request.body)
    const id = newId()
    await db.transaction(async (tx) => {
      await assertCodeFree(tx, body.code)
      await tx.query('insert into branches (id, name, code) values ($1, $2, $3)', [id, body.name, body.code])
      await audit(tx, request, 'branch.create', id, { after: body })
    })
    return { branch: await readBranch(db, id) }
  })

  /** A new name or code; case numbers already given keep the code they were given with. */
  app.patch('/api/branches/:id', { config: { access: 'admin' } }, async (request) => {
    const { id } = branchParams.parse(request.params)
    const body = branchInputSchema.parse(request.body)
    await db.transaction(async (tx) => {
      const before = await readBranch(tx, id)
      await assertCodeFree(tx, body.code, id)
      await tx.query('update branches set name = $2, code = $3 where id = $1', [id, body.name, body.code])
      await audit(tx, request, 'branch.update', id, { before: { name: before.name, code: before.code }, after: body })
    })
    return { branch: await readBranch(db, id) }
  })

  /**
   * A one-time code that enrols a tablet for this branch (typed on the tablet's first screen), so the tablet can be
   * set up by someone at the branch without the administrator's password. Issued by an administrator, or by a
   * supervisor for a branch they cover.
   */
  app.post('/api/branches/:id/enrolment-codes', { config: { access: 'supervisor' } }, async (request) => {
    const { id } = branchParams.parse(request.params)
    const staff = staffOf(request)
    if (staff.role !== 'admin' && !staff.branchIds.includes(id))
      throw new HttpError(403, 'other_branch', 'You can only enrol tablets for the branches you cover')
    const branch = await readBranch(db, id)
    const code = newEnrolmentCode()
    const expiresAt = new Date(Date.now() + ENROLMENT_CODE_TTL_MS)
    await db.transaction(async (tx) => {
      await tx.query('delete from enrolment_codes where expires_at < now()')
      await tx.query(
        'insert into enrolment_codes (code_hash, branch_id, created_by, expires_at) values ($1, $2, $3, $4)',
        [hashEnrolmentCode(code), id, staff.staffId, expiresAt],
      )
      await audit(tx, request, 'device.enrolmentCode', id, {
        after: { branchId: id, expiresAt: expiresAt.toISOString() },
      })
    })
    return { code, expiresAt: expiresAt.toISOString(), branch: { id: branch.id, name: branch.name } }
  })
}
