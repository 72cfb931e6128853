import { z } from 'zod'
import { ISO_DATE } from '../calendar/dates'

/** What administrators set centrally and every tablet pulls: validated on the way in and on the way down. */
export const calendarOverridesSchema = z.object({
  entries: z.array(z.object({
    date: z.string().regex(ISO_DATE, { error: 'invalidDate' }),
    kind: z.enum(['holiday', 'workday']),
    name: z.string().trim().min(1).max(40),
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
  // Added later: a policy stored before they existed still reads, with the rule's 30 days.
  reviewWindowDays: z.int().min(1).max(90).default(30),
  reviewDays: z.int().min(1).max(90).default(30),
})

const entry = z.object({ id: z.string().regex(/^[\w-]{1,40}$/), zh: z.string().min(1).max(40), en: z.string().min(1).max(60), retired: z.boolean().optional() })
export const taxonomySchema = z.object({ categories: z.array(entry).min(1).max(100), causes: z.array(entry).min(1).max(100) })

export const SETTINGS_SCHEMAS = { calendar: calendarOverridesSchema, policy: deadlinePolicySchema, taxonomy: taxonomySchema } as const
export type SettingsKey = keyof typeof SETTINGS_SCHEMAS
