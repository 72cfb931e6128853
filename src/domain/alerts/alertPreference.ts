import { z } from 'zod'

export const ALERT_MODES = ['immediate', 'digest', 'off'] as const
export type AlertMode = (typeof ALERT_MODES)[number]

/** How a person wants to be alerted, set by themselves or an administrator: an address is needed unless it is off. */
export const alertPreferenceSchema = z
  .object({
    mode: z.enum(ALERT_MODES, { error: 'invalidAlertMode' }),
    email: z.preprocess(
      (v) => (v === '' || v === null ? undefined : v),
      z.email({ error: 'invalidEmail' }).max(254, { error: 'invalidEmail' }).optional(),
    ),
  })
  .refine((p) => p.mode === 'off' || !!p.email, { path: ['email'], error: 'emailRequired' })

export type AlertPreference = z.infer<typeof alertPreferenceSchema>
