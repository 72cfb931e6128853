import type { FastifyInstance } from 'fastify'
import { PROTOCOL_VERSION, pullQuerySchema, pushRequestSchema } from '../../domain'
import type { PullResponse, PushResponse } from '../../domain'
import type { Database } from '../db/Database'
import { rotateDeviceToken } from '../auth/deviceTokens'
import { deviceOf } from '../auth/principal'
import { HttpError } from '../http/errors'
import { caseNumberingOf } from '../devices/caseLetters'
import { readSettings } from '../settings/readSettings'
import { activeBranchStaff } from '../staff/staffStore'
import { ingestEvents } from '../sync/ingestEvents'
import { pullBranchEvents } from '../sync/pullBranchEvents'
import type { SmsService } from './smsRoutes'

const unsupported = () => new HttpError(400, 'unsupported_protocol', `This server speaks sync protocol ${PROTOCOL_VERSION}; update the app`)

export function syncRoutes(app: FastifyInstance, db: Database, sms: SmsService = {}): void {
  app.post('/api/sync/push', { config: { access: 'device' } }, async (request): Promise<PushResponse> => {
    const body = request.body as { protocol?: unknown } | undefined
    if (body && typeof body === 'object' && 'protocol' in body && body.protocol !== PROTOCOL_VERSION) throw unsupported()
    const req = pushRequestSchema.parse(body)
    const results = await ingestEvents(db, deviceOf(request), req.events)
    // An SMS asked for in this batch is sent now, not at the sender's next round.
    if (req.events.some((e) => e.type === 'sms.requested')) sms.kick?.()
    return { protocol: PROTOCOL_VERSION, results }
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
      await db.query('update devices set pending_events = $2, app_version = $3, can_wipe = $4, reported_at = now() where id = $1',
        [device.deviceId, pending ?? null, version ?? null, wipe === '1'])
    }
    const page = await pullBranchEvents(db, device.branchId, q.data.after, q.data.limit)
    // A token in use for a week is replaced here; the previous one keeps working until the tablet uses the new one.
    const deviceToken = await rotateDeviceToken(db, device)
    // Calendar overrides, deadline policy, taxonomy, SMS wording and who may unlock ride along: small, and always current.
    const staffIds = [...(await activeBranchStaff(db, device.branchId)).keys()]
    // The branch code and letter this tablet numbers its complaints with (an administrator may set the code later).
    const caseNumbering = await caseNumberingOf(db, device.deviceId)
    return { protocol: PROTOCOL_VERSION, ...page, serverTime: new Date().toISOString(), settings: await readSettings(db), staffIds, caseNumbering, smsGateway: !!sms.settings, ...(deviceToken ? { deviceToken } : {}) }
  })
}
