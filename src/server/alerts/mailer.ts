import nodemailer from 'nodemailer'
import type { Config } from '../config'

/** One message to one person. The body never holds a customer's name, phone or words: only case numbers. */
export interface AlertMessage {
  to: string
  subject: string
  text: string
  /** The SMS gateway's idempotency key (unused by e-mail). */
  reference?: string
}

/**
 * A way to reach a person: e-mail (here) or SMS through the bank's gateway (smsAlertChannel.ts), as each person chose.
 * `send` throws when the message was not taken; a `RefusedError` means it never will be (a number the gateway refuses).
 */
export interface AlertChannel {
  name: 'email' | 'sms'
  send(message: AlertMessage): Promise<void>
}

export type SmtpSettings = Pick<Config, 'SMTP_HOST' | 'SMTP_PORT' | 'SMTP_USER' | 'SMTP_PASSWORD' | 'SMTP_FROM'>

/** E-mail through the bank's SMTP server; undefined when no SMTP_HOST is configured. */
export function emailChannel(config: SmtpSettings): AlertChannel | undefined {
  if (!config.SMTP_HOST) return undefined
  const transport = nodemailer.createTransport({
    host: config.SMTP_HOST,
    port: config.SMTP_PORT,
    // 465 is SMTP over TLS; other ports upgrade with STARTTLS when the server offers it.
    secure: config.SMTP_PORT === 465,
    auth: config.SMTP_USER ? { user: config.SMTP_USER, pass: config.SMTP_PASSWORD ?? '' } : undefined,
    // A down server must not hold the dispatcher for minutes: the alert is retried on a later round.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  })
  return {
    name: 'email',
    async send(m) {
      // base64 keeps Chinese text intact through any relay (and plain to decode when checking what was sent).
      await transport.sendMail({
        from: config.SMTP_FROM,
        to: m.to,
        subject: m.subject,
        text: m.text,
        textEncoding: 'base64',
      })
    },
  }
}

/** The channel refused the message for good: trying again would not help. */
export class RefusedError extends Error {}
