import type { FastifyInstance } from 'fastify'
import { PROTOCOL_VERSION, pullQuerySchema, pushRequestSchema } from '../../domain'
import type { PullResponse, PushResponse } from '../../domain'
import type { Database } from '../db/Database'
import { rotateDeviceToken } from '../auth/deviceTokens'
import { deviceOf } from '../auth/principal'
import { HttpError } from '../http/errors'
import { readSettings } from '../settings/readSettings'
import { ingestEvents } from '../sync/ingestEvents'
import { pullBranchEvents } from '../sync/pullBranchEvents'

const unsupported = () => new HttpError(400, 'unsupported_protocol', `This server speaks sync protocol ${PROTOCOL_VERSION}; update the app`)

export function syncRoutes(app: FastifyInstance, db: Database): void {
  app.post('/api/sync/push', { config: { access: 'device' } }, async (request): Promise<PushResponse> => {
    const body = request.body as { protocol?: unknown } | undefined
    if (body && typeof body === 'object' && 'protocol' in body && body.protocol !== PROTOCOL_VERSION) throw unsupported()
    const req = pushRequestSchema.parse(body)
    const results = await ingestEvents(db, deviceOf(request), req.events)
    return { protocol: PROTOCOL_VERSION, results }
  })

  app.get('/api/sync/pull', { config: { access: 'device' } }, async (request): Promise<PullResponse> => {
    const q = pullQuerySchema.safeParse(request.query)
    if (!q.success) {
      if (q.error.issues.some((i) => i.message === 'unsupportedProtocol')) throw unsupported()
      throw new HttpError(400, 'invalid', q.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '))
    }
    const device = deviceOf(request)
    const page = await pullBranchEvents(db, device.branchId, q.data.after, q.data.limit)
    // A token in use for a week is replaced here; the previous one keeps working until the tablet uses the new one.
    const deviceToken = await rotateDeviceToken(db, device)
    // Calendar overrides, deadline policy and taxonomy ride along: small, and always current.
    return { protocol: PROTOCOL_VERSION, ...page, settings: await readSettings(db), ...(deviceToken ? { deviceToken } : {}) }
  })
}
