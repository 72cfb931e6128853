import { z } from 'zod'

const schema = z.object({
  PORT: z.coerce
    .number({ error: 'PORT must be a number from 0 to 65535 (0: any free port)' })
    .int('PORT must be a whole number')
    .min(0, 'PORT must be at least 0')
    .max(65535, 'PORT must be at most 65535')
    .default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  DIST_DIR: z.string().min(1).default('./dist'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  /**
   * The bank's reverse proxy, whose X-Forwarded-For is believed for the caller's address (per-address limits): a hop
   * count (1: the one proxy in front) or a comma-separated list of its addresses or CIDRs. Unset: none is believed.
   */
  TRUST_PROXY: z
    .string()
    .transform((v, ctx) => {
      if (/^\d{1,2}$/.test(v)) return Number(v)
      const list = v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
      if (list.length === 0 || list.some((a) => !/^[\da-fA-F:.]+(\/\d{1,3})?$/.test(a))) {
        ctx.addIssue({
          code: 'custom',
          message: 'TRUST_PROXY must be a hop count (e.g. 1) or a comma-separated list of proxy addresses or CIDRs',
        })
        return z.NEVER
      }
      return list
    })
    .optional(),
  /** Server processes sharing the port (PostgreSQL only: the embedded database belongs to one process). */
  WORKERS: z.coerce
    .number({ error: 'WORKERS must be a number of processes' })
    .int('WORKERS must be a whole number')
    .min(1, 'WORKERS must be at least 1')
    .max(64, 'WORKERS must be at most 64')
    .default(1),
  /** The bank's SMS gateway (server/sms/): unset, the centre sends no SMS and tablets keep the declared `sms:` link. */
  SMS_GATEWAY_URL: z.url({ protocol: /^https?$/, error: 'SMS_GATEWAY_URL must be an http(s) URL' }).optional(),
  SMS_GATEWAY_KEY: z.string().min(1).optional(),
  SMS_SENDER_ID: z.string().min(1).max(40).optional(),
  SMS_TEMPLATE_ID: z.string().min(1).max(80).optional(),
  SMS_CALLBACK_SECRET: z.string().min(16, 'SMS_CALLBACK_SECRET must be at least 16 characters').optional(),
  SMS_PER_MINUTE: z.coerce.number({ error: 'SMS_PER_MINUTE must be a number' }).int().min(1).max(10_000).default(60),
  SMS_PER_BRANCH_PER_MINUTE: z.coerce
    .number({ error: 'SMS_PER_BRANCH_PER_MINUTE must be a number' })
    .int()
    .min(1)
    .max(10_000)
    .default(10),
  /** Alerts by e-mail (all optional: without SMTP_HOST no mail is sent and alerts wait, queued, until it is set). */
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce
    .number({ error: 'SMTP_PORT must be a number' })
    .int('SMTP_PORT must be a whole number')
    .min(1, 'SMTP_PORT must be at least 1')
    .max(65535, 'SMTP_PORT must be at most 65535')
    .default(587),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  SMTP_FROM: z.string().min(3).default('complaint-desk@localhost'),
  /** The China-time hour (0–23) at which daily digests go out. */
  ALERT_DIGEST_HOUR: z.coerce
    .number({ error: 'ALERT_DIGEST_HOUR must be an hour from 0 to 23' })
    .int('ALERT_DIGEST_HOUR must be a whole hour')
    .min(0, 'ALERT_DIGEST_HOUR must be at least 0')
    .max(23, 'ALERT_DIGEST_HOUR must be at most 23')
    .default(8),
  /**
   * Seconds between the centre's alert rounds (queue what fell due, send what is queued). A minute in a branch; the
   * browser tests run it every few seconds rather than wait a minute for the e-mail they check.
   */
  ALERT_ROUND_SECONDS: z.coerce
    .number({ error: 'ALERT_ROUND_SECONDS must be a number of seconds' })
    .int('ALERT_ROUND_SECONDS must be a whole number')
    .min(1, 'ALERT_ROUND_SECONDS must be at least 1')
    .max(3600, 'ALERT_ROUND_SECONDS must be at most 3600')
    .default(60),
  /**
   * Attachments' bytes a branch's tablets may upload per day (MiB): a tablet gone wrong, or in the wrong hands, cannot
   * fill the centre's database. Past it, uploads wait (429) and go on the next day.
   */
  ATTACHMENT_MB_PER_BRANCH_DAY: z.coerce
    .number({ error: 'ATTACHMENT_MB_PER_BRANCH_DAY must be a number of MiB' })
    .int('ATTACHMENT_MB_PER_BRANCH_DAY must be a whole number')
    .min(5, 'ATTACHMENT_MB_PER_BRANCH_DAY must be at least 5 (one file)')
    .max(1_000_000)
    .default(500),
  /** First run: the first administrator's password (otherwise a one-time one is printed). */
  ADMIN_PASSWORD: z.string().min(10, 'ADMIN_PASSWORD must be at least 10 characters').optional(),
})

export type Config = z.infer<typeof schema>

const refined = schema
  .refine((c) => c.WORKERS === 1 || !!c.DATABASE_URL, {
    path: ['WORKERS'],
    message: 'WORKERS above 1 needs DATABASE_URL: the embedded database can be opened by one process only',
  })
  .refine((c) => !c.SMS_GATEWAY_URL || (!!c.SMS_GATEWAY_KEY && !!c.SMS_SENDER_ID && !!c.SMS_CALLBACK_SECRET), {
    path: ['SMS_GATEWAY_URL'],
    message: 'SMS_GATEWAY_URL needs SMS_GATEWAY_KEY, SMS_SENDER_ID and SMS_CALLBACK_SECRET',
  })

/** Reads the environment; a bad value stops the server with a message that names the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const r = refined.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')))
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`)
  }
  return r.data
}
