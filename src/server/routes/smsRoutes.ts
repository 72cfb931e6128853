import { createHmac, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { Database } from '../db/Database'
import { HttpError } from '../http/errors'
import type { SmsSettings } from '../sms/smsGateway'
import { recordReceipt } from '../sms/smsJobs'

/** The SMS gateway as the app knows it: its settings (unset: none configured) and a way to send queued SMS at once. */
export interface SmsService {
  settings?: SmsSettings
  kick?: () => void
}

const receiptSchema = z
  .object({
    messageId: z.string().min(1).max(128).optional(),
    reference: z.string().max(64).optional(),
    status: z.enum(['delivered', 'failed']),
    reason: z.string().max(500).optional(),
    deliveredAt: z.string().max(40).optional(),
  })
  .refine((r) => r.messageId || r.reference, { error: 'messageId or reference required' })
const receiptsSchema = z.union([
  z.object({ receipts: z.array(receiptSchema).min(1).max(500) }),
  receiptSchema.transform((r) => ({ receipts: [r] })),
])

/** `sha256=` and the hex HMAC-SHA-256 of the raw body with the shared secret, compared in constant time. */
export function signatureValid(secret: string, raw: Buffer, header: unknown): boolean {
  if (typeof header !== 'string') return false
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`)
  const given = Buffer.from(header.trim())
  return given.length === expected.length && timingSafeEqual(given, expected)
}

export async function smsRoutes(app: FastifyInstance, db: Database, sms: SmsService): Promise<void> {
  app.get('/api/sms/status', { config: { access: 'admin' } }, async () => ({
    configured: !!sms.settings,
    ...(sms.settings
      ? {
          senderId: sms.settings.senderId,
          gateway: new URL(sms.settings.url).host,
          template: !!sms.settings.templateId,
          perMinute: sms.settings.perMinute,
          perBranchPerMinute: sms.settings.perBranchPerMinute,
        }
      : {}),
  }))

  // The gateway's delivery receipts, only when one is configured. Public (the gateway has no account here) but signed
  // with the shared secret over the exact bytes received, so the body is kept raw in this plugin only.
  const secret = sms.settings?.callbackSecret
  if (!secret) return
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body))
    scope.post('/api/sms/receipts', { config: { access: 'public' } }, async (request) => {
      const raw = request.body as Buffer
      if (!Buffer.isBuffer(raw) || !signatureValid(secret, raw, request.headers['x-sms-signature'])) {
        throw new HttpError(401, 'unauthenticated', 'Bad or missing signature')
      }
      let parsed: unknown
      try {
        parsed = JSON.parse(raw.toString('utf8'))
      } catch {
        throw new HttpError(400, 'invalid_json', 'Body is not JSON')
      }
      const { receipts } = receiptsSchema.parse(parsed)
      const results = []
      for (const r of receipts) results.push(await recordReceipt(db, r, request.log))
      return { results }
    })
  })
}
