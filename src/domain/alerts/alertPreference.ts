import { z } from 'zod'
import { isValidMobile, normalizePhone } from '../phone'

export const ALERT_MODES = ['immediate', 'digest', 'off'] as const
export type AlertMode = (typeof ALERT_MODES)[number]

export const ALERT_CHANNELS = ['email', 'sms'] as const
export type AlertChannelName = (typeof ALERT_CHANNELS)[number]

const blank = (v: unknown) => (v === '' || v === null ? undefined : v)

/**
 * How a person wants to be alerted, set by themselves or an administrator: by e-mail and/or SMS, each alert at once,
 * a daily digest, or not at all. Each chosen channel needs its address unless it is off. A preference stored before
 * SMS alerts existed has no channels: it reads as e-mail.
 */
export const alertPreferenceSchema = z
  .object({
    mode: z.enum(ALERT_MODES, { error: 'invalidAlertMode' }),
    channels: z.preprocess(
      (v) => (v === undefined || v === null ? ['email'] : v),
      z
        .array(z.enum(ALERT_CHANNELS, { error: 'invalidChannel' }))
        .max(2)
        .transform((cs) => ALERT_CHANNELS.filter((c) => cs.includes(c))),
    ),
    email: z.preprocess(blank, z.email({ error: 'invalidEmail' }).max(254, { error: 'invalidEmail' }).optional()),
    mobile: z.preprocess(
      blank,
      z
        .string()
        .max(30, { error: 'invalidMobile' })
        .refine(isValidMobile, { error: 'invalidMobile' })
        .transform(normalizePhone)
        .optional(),
    ),
  })
  .refine((p) => p.mode === 'off' || p.channels.length > 0, { path: ['channels'], error: 'channelRequired' })
  .refine((p) => p.mode === 'off' || !p.channels.includes('email') || !!p.email, {
    path: ['email'],
    error: 'emailRequired',
  })
  .refine((p) => p.mode === 'off' || !p.channels.includes('sms') || !!p.mobile, {
    path: ['mobile'],
    error: 'mobileRequired',
  })

export type AlertPreference = z.infer<typeof alertPreferenceSchema>
export type AlertPreferenceInput = z.input<typeof alertPreferenceSchema>

/** A staff member's mobile as the audit log keeps it: enough to tell a change, not enough to call. */
export function maskMobile(mobile: string | undefined): string | undefined {
  return mobile ? `${mobile.slice(0, 3)}****${mobile.slice(-4)}` : undefined
}
