import { z } from 'zod'
import { boundedDate } from '../text/dateBounds'
import { safeString } from '../text/safeText'
import { taxonomySchema } from '../taxonomy/taxonomySchema'

/** What administrators set centrally and every tablet pulls: validated on the way in and on the way down. */
export const calendarOverridesSchema = z.object({
  entries: z.array(z.object({
    date: boundedDate(),
    kind: z.enum(['holiday', 'workday']),
    name: safeString().trim().min(1).max(40),
  })).max(400),
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
})

export const SETTINGS_SCHEMAS = { calendar: calendarOverridesSchema, policy: deadlinePolicySchema, taxonomy: taxonomySchema } as const
export type SettingsKey = keyof typeof SETTINGS_SCHEMAS
