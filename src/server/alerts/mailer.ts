import nodemailer from 'nodemailer'
import type { Config } from '../config'

/** One message to one person. The body never holds a customer's name, phone or words: only case numbers. */
export interface AlertMessage {
  to: string
  subject: string
  text: string
}

/**
 * A way to reach a person. E-mail only for now; an SMS channel (through the gateway of issue 20 §1) is another
 * implementation of this, chosen by the person's preference.
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
