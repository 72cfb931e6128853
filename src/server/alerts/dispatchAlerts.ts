import { chinaDate, dueSoonUntil, resolveSettings } from '../../domain'
import type { AlertReason } from '../../domain'
import type { Database } from '../db/Database'
import { readSettings } from '../settings/readSettings'
import { alertMessage, alertSms, digestMessage, digestSms } from './alertText'
import type { AlertItem } from './alertText'
import { RefusedError } from './mailer'
import type { AlertChannel, AlertMessage } from './mailer'
import { scrubReason } from '../sms/smsGateway'
import { recordDeadlineAlerts } from './recordAlerts'

export interface DispatchOptions {
  /** E-mail; undefined when no SMTP server is configured: e-mail alerts stay queued until one is. */
  channel: AlertChannel | undefined
  /** SMS through the bank's gateway; undefined when none is configured: SMS alerts stay queued until one is. */
  sms?: AlertChannel | undefined
  /** China-time hour at which the daily digests go out. */
  digestHour: number
  now?: Date
}

export interface DispatchResult {
  sent: number
  failed: number
  skipped: number
}

/** A claimed alert is not claimed again for this long: a process that dies mid-send leaves it to a later round. */
const LEASE_MS = 5 * 60_000
const BATCH = 50

/** Waits after a failed send: 1, 2, 4 … minutes, at most an hour. */
const backoffMs = (attempts: number) => Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000

/**
 * One way out for an alert, with its own columns of `alerts` (state, tries, retry time, error, sent time), the
 * preference's address and the day its digest last went: e-mail (migration 24) and SMS (migration 33) each go or fail
 * by themselves, so a mail server down never holds back an SMS, nor the reverse.
 */
interface Lane {
  name: 'email' | 'sms'
  state: string
  attempts: string
  next: string
  error: string
  sent: string
  address: string
  digestOn: string
  one(to: string, item: Claimed): AlertMessage
  digest(to: string, staffId: string, date: string, items: Claimed[]): AlertMessage
}

const LANES: Lane[] = [
  {
    name: 'email',
    state: 'state',
    attempts: 'attempts',
    next: 'next_attempt_at',
    error: 'last_error',
    sent: 'sent_at',
    address: 'email',
    digestOn: 'last_digest_on',
    one: alertMessage,
    digest: (to, _staffId, date, items) => digestMessage(to, date, items),
  },
  {
    name: 'sms',
    state: 'sms_state',
    attempts: 'sms_attempts',
    next: 'sms_next_attempt_at',
    error: 'sms_last_error',
    sent: 'sms_sent_at',
    address: 'mobile',
    digestOn: 'last_sms_digest_on',
    one: alertSms,
    digest: digestSms,
  },
]

/** The preference `p` wants this lane: its channel chosen and its address given. */
const wants = (lane: Lane) => `p.${lane.address} is not null and '${lane.name}' = any(p.channels)`

/** One round: queue the deadlines due before the end of the next working day, then send what is due. */
export async function runAlertRound(
  db: Database,
  options: DispatchOptions,
): Promise<DispatchResult & { deadlines: number }> {
  const now = options.now ?? new Date()
  const { calendar, policy } = resolveSettings(await readSettings(db))
  const deadlines = await recordDeadlineAlerts(db, now, new Date(dueSoonUntil(now, calendar, policy)))
  return { deadlines, ...(await dispatchAlerts(db, { ...options, now })) }
}

/**
 * Sends the queued alerts after the pushes that queued them committed, on each channel the person chose. Each is
 * claimed (a lease) before it is sent and marked sent after the server or gateway took it: a failure (server down,
 * refused for now) leaves it queued with a later retry, so none is lost; only a process dying between the acceptance
 * and the mark could send one twice (the SMS gateway drops a second send of the same reference).
 * Persons who chose "off", or not this channel, or have no address for it, get nothing on it: it is marked skipped
 * (the desk still shows them).
 */
export async function dispatchAlerts(db: Database, options: DispatchOptions): Promise<DispatchResult> {
  const now = options.now ?? new Date()
  const result: DispatchResult = { sent: 0, failed: 0, skipped: 0 }
  for (const lane of LANES) {
    result.skipped += await skip(db, lane)
    const channel = lane.name === 'email' ? options.channel : options.sms
    if (channel) await dispatchLane(db, lane, channel, options.digestHour, now, result)
  }
  return result
}

async function dispatchLane(
  db: Database,
  lane: Lane,
  channel: AlertChannel,
  digestHour: number,
  now: Date,
  result: DispatchResult,
): Promise<void> {
  // Immediate: one message per alert.
  for (;;) {
    const items = await claim(db, lane, now, `p.mode = 'immediate'`, [])
    if (items.length === 0) break
    for (const item of items) {
      try {
        await channel.send(lane.one(item.address, item))
        await markSent(db, lane, [item.id], now)
        result.sent++
      } catch (e) {
        await markFailed(db, lane, [item], now, e)
        result.failed++
      }
    }
    if (items.length < BATCH) break
  }

  // Digest: once a day from the digest hour, one message with everything waiting for the person.
  const today = chinaDate(now)
  if (new Date(now.getTime() + 8 * 3600_000).getUTCHours() < digestHour) return
  const { rows: people } = await db.query<{ staff_id: string }>(
    `select p.staff_id from alert_preferences p where p.mode = 'digest' and ${wants(lane)}
      and (p.${lane.digestOn} is null or p.${lane.digestOn} < $1::date)`,
    [today],
  )
  for (const { staff_id: staffId } of people) {
    const items = await claim(db, lane, now, `p.staff_id = $3`, [staffId], 1000)
    if (items.length === 0) continue
    try {
      await channel.send(lane.digest(items[0]!.address, staffId, today, items))
      await markSent(
        db,
        lane,
        items.map((i) => i.id),
        now,
      )
      await db.query(`update alert_preferences set ${lane.digestOn} = $2::date where staff_id = $1`, [staffId, today])
      result.sent++
    } catch (e) {
      await markFailed(db, lane, items, now, e)
      result.failed++
    }
  }
}

type Claimed = AlertItem & { id: string; address: string; attempts: number }

async function claim(
  db: Database,
  lane: Lane,
  now: Date,
  who: string,
  params: unknown[],
  limit = BATCH,
): Promise<Claimed[]> {
  const { rows } = await db.query<{
    id: string
    complaint_id: string
    reason: AlertReason
    due_at: Date | string | null
    attempts: number
    address: string
    case_number: string | null
    branch_name: string | null
  }>(
    `with claimed as (
       update alerts a set ${lane.next} = $1::timestamptz + $2::interval, ${lane.attempts} = a.${lane.attempts} + 1
        where a.id in (select a2.id from alerts a2 join alert_preferences p on p.staff_id = a2.staff_id
                        where a2.${lane.state} = 'pending' and a2.${lane.next} <= $1 and ${wants(lane)} and ${who}
                        order by a2.id limit ${limit} for update of a2 skip locked)
       returning a.id, a.staff_id, a.complaint_id, a.branch_id, a.reason, a.due_at, a.${lane.attempts} as attempts
     )
     select c.id::text, c.complaint_id::text, c.reason, c.due_at, c.attempts, p.${lane.address} as address,
            cp.state->>'caseNumber' as case_number, b.name as branch_name
       from claimed c join alert_preferences p on p.staff_id = c.staff_id
       left join complaints cp on cp.id = c.complaint_id
       left join branches b on b.id = c.branch_id
      order by c.id`,
    [now.toISOString(), `${LEASE_MS / 1000} seconds`, ...params],
  )
  return rows.map((r) => ({
    id: r.id,
    address: r.address,
    attempts: r.attempts,
    complaintId: r.complaint_id,
    caseNumber: r.case_number,
    branchName: r.branch_name ?? '',
    reason: r.reason,
    dueAt: r.due_at ? new Date(r.due_at) : null,
  }))
}

async function markSent(db: Database, lane: Lane, ids: string[], now: Date): Promise<void> {
  await db.query(
    `update alerts set ${lane.state} = 'sent', ${lane.sent} = $2, ${lane.error} = null
       ${lane.name === 'email' ? `, channel = 'email'` : ''}
      where id = any($1::bigint[])`,
    [ids, now.toISOString()],
  )
}

async function markFailed(db: Database, lane: Lane, items: Claimed[], now: Date, e: unknown): Promise<void> {
  // The server's or gateway's answer, cut short and without digit runs: it names the failure, never a person's number.
  const error = scrubReason(String((e as Error)?.message ?? e))
  // Refused for good (an SMS to a number the gateway will never take): no retry; the desk still shows the alert.
  const final = lane.name === 'sms' && e instanceof RefusedError
  for (const item of items) {
    await db.query(
      `update alerts set ${lane.next} = $2, ${lane.error} = $3 ${final ? `, ${lane.state} = 'failed'` : ''} where id = $1`,
      [item.id, new Date(now.getTime() + backoffMs(item.attempts)).toISOString(), error],
    )
  }
}

/** Alerts of persons who chose "off", not this channel, have no address for it or no preference, or were disabled. */
async function skip(db: Database, lane: Lane): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `with s as (
       update alerts a set ${lane.state} = 'skipped' where a.${lane.state} = 'pending' and not exists (
         select 1 from alert_preferences p join staff st on st.id = p.staff_id
          where p.staff_id = a.staff_id and p.mode <> 'off' and ${wants(lane)} and not st.disabled)
       returning 1
     ) select count(*)::int as n from s`,
  )
  return rows[0]?.n ?? 0
}
