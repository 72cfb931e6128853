import { z } from 'zod'
import { SMS_PLACEHOLDERS } from '../complaint/smsCompose'
import { SMS_TEMPLATE_IDS } from '../complaint/smsTemplates'
import { boundedDate } from '../text/dateBounds'
import { SCRIPT_IDLE_LOCK } from '../staff/idleLock'
import { RETENTION } from '../complaint/retention'
import { safeString } from '../text/safeText'
import { taxonomySchema } from '../taxonomy/taxonomySchema'

/** What administrators set centrally and every tablet pulls: validated on the way in and on the way down. */
export const calendarOverridesSchema = z.object({
  entries: z
    .array(
      z.object({
        date: boundedDate(),
        kind: z.enum(['holiday', 'workday']),
        name: safeString().trim().min(1).max(40),
      }),
    )
    .max(400),
  publishedYears: z.array(z.int().min(2000).max(2100)).max(100),
})

export const deadlinePolicySchema = z.object({
  firstResponseHours: z.int().min(1).max(240),
  handlingHours: z.int().min(1).max(240),
  replyWorkingDays: z.int().min(1).max(60),
  extensionCapWorkingDays: z.int().min(1).max(90),
  regulatoryDays: z.int().min(1).max(60),
  regulatoryExtendedDays: z.int().min(1).max(90),
  regulatoryMaxDays: z.int().min(1).max(120),
  dueSoonWorkingDays: z.int().min(0).max(10),
  // Added later: a policy stored before they existed still reads, with the rule's 30 days.
  reviewWindowDays: z.int().min(1).max(90).default(30),
  reviewDays: z.int().min(1).max(90).default(30),
  /** How long the tablet waits before locking while the seven-step script runs in front of the customer. */
  scriptIdleLockMinutes: z
    .int()
    .min(SCRIPT_IDLE_LOCK.minMinutes)
    .max(SCRIPT_IDLE_LOCK.maxMinutes)
    .default(SCRIPT_IDLE_LOCK.defaultMinutes),
  /** Days a finished, synced complaint stays on the tablets after its last event (the centre keeps it for good). */
  retentionDays: z.int().min(RETENTION.minDays).max(RETENTION.maxDays).default(RETENTION.defaultDays),
})

/** Placeholders the tablet can fill; any other `{word}` would reach a customer as it is. */
const knownPlaceholders = (text: string) =>
  [...text.matchAll(/\{(\w+)\}/g)].every((m) => (SMS_PLACEHOLDERS as readonly string[]).includes(m[1]!))
const smsList = z
  .array(
    z.object({
      id: z.enum(SMS_TEMPLATE_IDS),
      text: safeString()
        .trim()
        .min(1, { error: 'required' })
        .max(500, { error: 'tooLong' })
        .refine(knownPlaceholders, { error: 'unknownPlaceholder' }),
    }),
  )
  .max(SMS_TEMPLATE_IDS.length)
  .refine((l) => new Set(l.map((t) => t.id)).size === l.length, { error: 'duplicate' })
/** The bank's own wording of the SMS templates, per language; a template not listed keeps the built-in text. */
export const smsTemplatesSchema = z.object({ 'zh-CN': smsList.default([]), en: smsList.default([]) })

export const SETTINGS_SCHEMAS = {
  calendar: calendarOverridesSchema,
  policy: deadlinePolicySchema,
  taxonomy: taxonomySchema,
  sms: smsTemplatesSchema,
} as const
export const SETTINGS_KEYS = ['calendar', 'policy', 'taxonomy', 'sms'] as const satisfies readonly SettingsKey[]
export type SettingsKey = keyof typeof SETTINGS_SCHEMAS
