import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { PROTOCOL_VERSION, pullQuerySchema, pushRequestSchema } from '../../domain'
import type { ComplaintHistoryResponse, PulledEvent, PullResponse, PushResponse } from '../../domain'
import type { Database } from '../db/Database'
import { audit } from '../audit/audit'
import { rotateDeviceToken } from '../auth/deviceTokens'
import { deviceOf } from '../auth/principal'
import { HttpError } from '../http/errors'
import { caseNumberingOf } from '../devices/caseLetters'
import { readSettings } from '../settings/readSettings'
import { activeBranchStaff } from '../staff/staffStore'
import { ingestEvents } from '../sync/ingestEvents'
import { pullBranchEvents } from '../sync/pullBranchEvents'
import type { SmsService } from './smsRoutes'

const wipedBody = z.object({ undelivered: z.int().min(0).max(1_000_000).default(0) })

const historyParams = z.object({ id: z.uuid() })

const unsupported = () =>
  new HttpError(400, 'unsupported_protocol', `This server speaks sync protocol ${PROTOCOL_VERSION}; update the app`)

export function syncRoutes(app: FastifyInstance, db: Database, sms: SmsService = {}): void {
  // A tablet revoked with a wipe still delivers what it has not sent: nothing recorded on it is lost.
  app.post(
    '/api/sync/push',
    { config: { access: 'device', whileWipeOrdered: true } },
    async (request): Promise<PushResponse> => {
      const body = request.body as { protocol?: unknown } | undefined
      if (body && typeof body === 'object' && 'protocol' in body && body.protocol !== PROTOCOL_VERSION)
        throw unsupported()
      const req = pushRequestSchema.parse(body)
      const results = await ingestEvents(db, deviceOf(request), req.events)
      // An SMS asked for in this batch is sent now, not at the sender's next round.
      if (req.events.some((e) => e.type === 'sms.requested')) sms.kick?.()
      return { protocol: PROTOCOL_VERSION, results }
    },
  )

  /**
   * A tablet revoked with a wipe has pushed what it could and is erasing itself: recorded on its row and in the audit
   * log (on behalf of the administrator who ordered it), after which its token is refused everything.
   */
  app.post('/api/sync/wiped', { config: { access: 'device', whileWipeOrdered: true } }, async (request) => {
    if (!request.wipeOrdered) throw new HttpError(409, 'no_wipe_ordered', 'This tablet was not told to erase itself')
    const { undelivered } = wipedBody.parse(request.body ?? {})
    const device = deviceOf(request)
    await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ revoked_by: string | null }>(
        'update devices set wipe_acknowledged_at = now(), wipe_undelivered = $2 where id = $1 and wipe_acknowledged_at is null returning revoked_by',
        [device.deviceId, undelivered],
      )
      if (!rows[0]) return
      await audit(
        tx,
        request,
        'device.wipe_acknowledged',
        device.deviceId,
        { after: { undelivered } },
        rows[0].revoked_by ?? device.deviceId,
      )
    })
    return { ok: true }
  })

  app.get('/api/sync/pull', { config: { access: 'device' } }, async (request): Promise<PullResponse> => {
    const q = pullQuerySchema.safeParse(request.query)
    if (!q.success) {
      if (q.error.issues.some((i) => i.message === 'unsupportedProtocol')) throw unsupported()
      throw new HttpError(400, 'invalid', q.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '))
    }
    const device = deviceOf(request)
    const { pending, app: version, wipe } = q.data
    if (pending !== undefined || version !== undefined) {
      await db.query(
        'update devices set pending_events = $2, app_version = $3, can_wipe = $4, reported_at = now() where id = $1',
        [device.deviceId, pending ?? null, version ?? null, wipe === '1'],
      )
    }
    const page = await pullBranchEvents(db, device.branchId, q.data.after, q.data.limit)
    // A token in use for a week is replaced here; the previous one keeps working until the tablet uses the new one.
    const deviceToken = await rotateDeviceToken(db, device)
    // Calendar overrides, deadline policy, taxonomy, SMS wording and who may unlock ride along: small, and always current.
    const staffIds = [...(await activeBranchStaff(db, device.branchId)).keys()]
    // The branch code and letter this tablet numbers its complaints with (an administrator may set the code later).
    const caseNumbering = await caseNumberingOf(db, device.deviceId)
    return {
      protocol: PROTOCOL_VERSION,
      ...page,
      serverTime: new Date().toISOString(),
      settings: await readSettings(db),
      staffIds,
      caseNumbering,
      smsGateway: !!sms.settings,
      ...(deviceToken ? { deviceToken } : {}),
    }
  })

  /**
   * A complaint's whole history, for a tablet that removed it (retention) and has since pulled a new event of it.
   * Only the tablet's own branch's: another branch's complaint is answered as one that does not exist.
   */
  app.get(
    '/api/sync/complaints/:id/events',
    { config: { access: 'device' } },
    async (request): Promise<ComplaintHistoryResponse> => {
      const params = historyParams.safeParse(request.params)
      if (!params.success) throw new HttpError(400, 'invalid', 'id: not a complaint id')
      const device = deviceOf(request)
      const { rows } = await db.query<{ server_seq: number; body: PulledEvent }>(
        'select server_seq, body from events where complaint_id = $1 and branch_id = $2 order by server_seq',
        [params.data.id, device.branchId],
      )
      if (rows.length === 0) throw new HttpError(404, 'not_found', 'No such complaint in this branch')
      return { protocol: PROTOCOL_VERSION, events: rows.map((r) => ({ ...r.body, serverSeq: Number(r.server_seq) })) }
    },
  )
}
