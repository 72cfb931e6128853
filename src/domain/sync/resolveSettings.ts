import type { z } from 'zod'
import { buildCalendar, STATUTORY_CALENDAR } from '../calendar/workCalendar'
import type { WorkCalendar } from '../calendar/workCalendar'
import { DEFAULT_POLICY } from '../complaint/clocks'
import type { DeadlinePolicy } from '../complaint/clocks'
import { DEFAULT_TAXONOMY } from '../taxonomy/taxonomy'
import type { Taxonomy } from '../taxonomy/taxonomy'
import { taxonomySchema } from '../taxonomy/taxonomySchema'
import { calendarOverridesSchema, deadlinePolicySchema, smsTemplatesSchema } from './settings'

export interface ResolvedSettings {
  calendar: WorkCalendar
  policy: DeadlinePolicy
  taxonomy: Taxonomy
  /** The bank's SMS wording over the built-in templates (see bankSmsTemplates); null where the centre has set none. */
  sms: z.infer<typeof smsTemplatesSchema> | null
  version: number
}

/**
 * The central settings as the tablet or the server should apply them: each part validated, and the built-in
 * default wherever the centre has set nothing (or something this version cannot read).
 */
export function resolveSettings(
  raw: { calendar?: unknown; policy?: unknown; taxonomy?: unknown; sms?: unknown; version?: number } | null | undefined,
): ResolvedSettings {
  const calendar = calendarOverridesSchema.safeParse(raw?.calendar)
  const policy = deadlinePolicySchema.safeParse(raw?.policy)
  const taxonomy = taxonomySchema.safeParse(raw?.taxonomy)
  const sms = smsTemplatesSchema.safeParse(raw?.sms)
  return {
    calendar: calendar.success ? buildCalendar(calendar.data) : STATUTORY_CALENDAR,
    policy: policy.success ? policy.data : DEFAULT_POLICY,
    taxonomy: taxonomy.success ? taxonomy.data : DEFAULT_TAXONOMY,
    sms: sms.success ? sms.data : null,
    version: raw?.version ?? 0,
  }
}
