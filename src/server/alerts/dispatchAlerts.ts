import { chinaDate, dueSoonUntil, resolveSettings } from '../../domain'
import type { AlertReason } from '../../domain'
import type { Database } from '../db/Database'
import { readSettings } from '../settings/readSettings'
import { alertMessage, digestMessage } from './alertText'
import type { AlertItem } from './alertText'
import type { AlertChannel } from './mailer'
import { recordDeadlineAlerts } from './recordAlerts'

export interface DispatchOptions {
  /** Undefined when no SMTP server is configured: alerts stay queued until one is. */
  channel: AlertChannel | undefined
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
 * Sends the queued alerts after the pushes that queued them committed. Each is claimed (a lease) before it is sent and
 * marked sent after the SMTP server took it: a failure (server down, refused) leaves it queued with a later retry, so
 * none is lost; only a process dying between the server's acceptance and the mark could send one twice.
 * Persons who chose "off", or have no address, get nothing: their alerts are marked skipped (the desk still shows them).
 */
export async function dispatchAlerts(db: Database, options: DispatchOptions): Promise<DispatchResult> {
  const now = options.now ?? new Date()
  const { rowCount: skipped } = await skip(db)
  const result: DispatchResult = { sent: 0, failed: 0, skipped }
  const channel = options.channel
  if (!channel) return result

  // Immediate: one message per alert.
  for (;;) {
    const items = await claim(db, now, `p.mode = 'immediate'`, [])
    if (items.length === 0) break
    for (const item of items) {
      try {
        await channel.send(alertMessage(item.email, item))
        await markSent(db, [item.id], channel.name, now)
        result.sent++
      } catch (e) {
        await markFailed(db, [item], now, e)
        result.failed++
      }
    }
    if (items.length < BATCH) break
  }

  // Digest: once a day from the digest hour, one message with everything waiting for the person.
  const today = chinaDate(now)
  if (new Date(now.getTime() + 8 * 3600_000).getUTCHours() < options.digestHour) return result
  const { rows: people } = await db.query<{ staff_id: string }>(
    `select staff_id from alert_preferences where mode = 'digest' and email is not null
      and (last_digest_on is null or last_digest_on < $1::date)`,
    [today],
  )
  for (const { staff_id: staffId } of people) {
    const items = await claim(db, now, `p.staff_id = $3`, [staffId], 1000)
    if (items.length === 0) continue
    try {
      await channel.send(digestMessage(items[0]!.email, today, items))
      await markSent(
        db,
        items.map((i) => i.id),
        channel.name,
        now,
      )
      await db.query('update alert_preferences set last_digest_on = $2::date where staff_id = $1', [staffId, today])
      result.sent++
    } catch (e) {
      await markFailed(db, items, now, e)
      result.failed++
    }
  }
  return result
}

type Claimed = AlertItem & { id: string; email: string; attempts: number }

async function claim(db: Database, now: Date, who: string, params: unknown[], limit = BATCH): Promise<Claimed[]> {
  const { rows } = await db.query<{
    id: string
    complaint_id: string
    reason: AlertReason
    due_at: Date | string | null
    attempts: number
    email: string
    case_number: string | null
    branch_name: string | null
  }>(
    `with claimed as (
       update alerts a set next_attempt_at = $1::timestamptz + $2::interval, attempts = a.attempts + 1
        where a.id in (select a2.id from alerts a2 join alert_preferences p on p.staff_id = a2.staff_id
                        where a2.state = 'pending' and a2.next_attempt_at <= $1 and p.email is not null and ${who}
                        order by a2.id limit ${limit} for update of a2 skip locked)
       returning a.id, a.staff_id, a.complaint_id, a.branch_id, a.reason, a.due_at, a.attempts
     )
     select c.id::text, c.complaint_id::text, c.reason, c.due_at, c.attempts, p.email,
            cp.state->>'caseNumber' as case_number, b.name as branch_name
       from claimed c join alert_preferences p on p.staff_id = c.staff_id
       left join complaints cp on cp.id = c.complaint_id
       left join branches b on b.id = c.branch_id
      order by c.id`,
    [now.toISOString(), `${LEASE_MS / 1000} seconds`, ...params],
  )
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    attempts: r.attempts,
    complaintId: r.complaint_id,
    caseNumber: r.case_number,
    branchName: r.branch_name ?? '',
    reason: r.reason,
    dueAt: r.due_at ? new Date(r.due_at) : null,
  }))
}

async function markSent(db: Database, ids: string[], channel: string, now: Date): Promise<void> {
  await db.query(
    `update alerts set state = 'sent', sent_at = $2, channel = $3, last_error = null where id = any($1::bigint[])`,
    [ids, now.toISOString(), channel],
  )
}

async function markFailed(db: Database, items: Claimed[], now: Date, e: unknown): Promise<void> {
  // The SMTP server's answer, cut short: it names the server and the failure, never a customer.
  const error = String((e as Error)?.message ?? e).slice(0, 200)
  for (const item of items) {
    await db.query('update alerts set next_attempt_at = $2, last_error = $3 where id = $1', [
      item.id,
      new Date(now.getTime() + backoffMs(item.attempts)).toISOString(),
      error,
    ])
  }
}

/** Alerts of persons who chose "off", have no address or preference, or were disabled: nothing will be sent. */
async function skip(db: Database): Promise<{ rowCount: number }> {
  const { rows } = await db.query<{ n: number }>(
    `with s as (
       update alerts a set state = 'skipped' where a.state = 'pending' and not exists (
         select 1 from alert_preferences p join staff st on st.id = p.staff_id
          where p.staff_id = a.staff_id and p.mode <> 'off' and p.email is not null and not st.disabled)
       returning 1
     ) select count(*)::int as n from s`,
  )
  return { rowCount: rows[0]?.n ?? 0 }
}
