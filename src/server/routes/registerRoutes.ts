import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import { registerAuthentication } from '../auth/authenticate'
import type { Database } from '../db/Database'
import { alertRoutes } from './alertRoutes'
import { attachmentRoutes } from './attachmentRoutes'
import { auditRoutes } from './auditRoutes'
import { authRoutes } from './authRoutes'
import { codeReportRoutes } from './codeReportRoutes'
import { branchRoutes } from './branchRoutes'
import { complaintRoutes } from './complaintRoutes'
import { deskRoutes } from './deskRoutes'
import { deviceRoutes } from './deviceRoutes'
import { healthRoutes } from './health'
import { reportRoutes } from './reportRoutes'
import { settingsRoutes } from './settingsRoutes'
import { smsRoutes } from './smsRoutes'
import type { SmsService } from './smsRoutes'
import { staffRoutes } from './staffRoutes'
import { syncRoutes } from './syncRoutes'

export async function registerRoutes(
  app: FastifyInstance,
  options: { db: Database; signInPerMinute: number; sms?: SmsService; attachmentBytesPerBranchDay?: number },
): Promise<void> {
  // Only routes that opt in (sign-in, password checks) are limited; the limit is per address (request.ip).
  await app.register(rateLimit, { global: false })
  registerAuthentication(app, options.db)
  healthRoutes(app, options.db)
  authRoutes(app, options.db, options.signInPerMinute)
  deviceRoutes(app, options.db, options.signInPerMinute)
  staffRoutes(app, options.db)
  branchRoutes(app, options.db)
  auditRoutes(app, options.db)
  syncRoutes(app, options.db, options.sms)
  await smsRoutes(app, options.db, options.sms ?? {})
  settingsRoutes(app, options.db)
  complaintRoutes(app, options.db)
  reportRoutes(app, options.db)
  codeReportRoutes(app, options.db)
  deskRoutes(app, options.db)
  alertRoutes(app, options.db, options.sms)
  await attachmentRoutes(app, options.db, { bytesPerBranchDay: options.attachmentBytesPerBranchDay })
}
