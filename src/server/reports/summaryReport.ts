import type { Queryable } from '../db/Database'

export interface ReportQuery {
  branchIds: string[]
  /** Received on or after / before (ISO instants). */
  from: string
  to: string
  now?: Date
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))

/**
 * The figures the 2020 rule asks a bank to analyse (Art. 26, 35–36), computed in SQL over the complaints
 * projection for a date range and branches: nothing is loaded row by row into Node.
 */
export async function summaryReport(db: Queryable, q: ReportQuery) {
  const params = [q.branchIds, q.from, q.to, (q.now ?? new Date()).toISOString()]
  const where = 'branch_id = any($1::text[]) and received_at >= $2 and received_at < $3'
  const totals = (await db.query<Record<string, unknown>>(`
    select
      count(*) as total,
      count(*) filter (where kind = 'complaint') as complaints,
      count(*) filter (where kind = 'suggestion') as suggestions,
      count(*) filter (where verdict = 'valid') as valid,
      count(*) filter (where verdict = 'invalid') as invalid,
      count(*) filter (where first_response_at is not null and first_response_at <= first_response_due) as first_response_on_time,
      count(*) filter (where replied_at is not null and replied_at <= reply_due) as reply_on_time,
      count(*) filter (where extended) as extended,
      count(*) filter (where status not in ('closed', 'withdrawn') and due_at < $4::timestamptz) as overdue,
      count(*) filter (where reopened) as reopened,
      count(*) filter (where group_size >= 2) as group_complaints,
      count(*) filter (where group_size >= 20) as major,
      percentile_cont(0.5) within group (order by extract(epoch from first_response_at - received_at)) filter (where first_response_at is not null) as median_first_response_s,
      percentile_cont(0.5) within group (order by extract(epoch from closed_at - received_at)) filter (where closed_at is not null) as median_closure_s,
      avg(mood_start) as mood_start_avg,
      avg(mood_end) as mood_end_avg
    from complaints where ${where}`, params)).rows[0]!
  const byCategory = (await db.query<{ category: string | null; cause: string | null; n: number }>(`
    select category, cause, count(*)::int as n from complaints where ${where}
    group by category, cause order by n desc, category, cause`, params.slice(0, 3))).rows
  const opinions = (await db.query<{ opinion: string; n: number }>(`
    select opinion, count(*)::int as n from complaints where ${where} and opinion is not null group by opinion order by opinion`, params.slice(0, 3))).rows
  const repeat = (await db.query<{ phones: number; complaints: number }>(`
    select count(*)::int as phones, coalesce(sum(n), 0)::int as complaints from (
      select phone, count(*) as n from complaints where ${where} and phone is not null group by phone having count(*) > 1) r`, params.slice(0, 3))).rows[0]!
  const total = Number(totals.total)
  const rate = (n: unknown) => (total === 0 ? null : Number(n) / total)
  return {
    total,
    complaints: Number(totals.complaints), suggestions: Number(totals.suggestions),
    valid: Number(totals.valid), invalid: Number(totals.invalid),
    firstResponseOnTime: { count: Number(totals.first_response_on_time), rate: rate(totals.first_response_on_time) },
    replyOnTime: { count: Number(totals.reply_on_time), rate: rate(totals.reply_on_time) },
    extended: { count: Number(totals.extended), rate: rate(totals.extended) },
    overdue: { count: Number(totals.overdue), rate: rate(totals.overdue) },
    reopened: Number(totals.reopened),
    medianFirstResponseHours: totals.median_first_response_s === null ? null : Number(totals.median_first_response_s) / 3600,
    medianClosureHours: totals.median_closure_s === null ? null : Number(totals.median_closure_s) / 3600,
    moodStartAvg: num(totals.mood_start_avg), moodEndAvg: num(totals.mood_end_avg),
    opinions: Object.fromEntries(opinions.map((o) => [o.opinion, o.n])),
    byCategoryAndCause: byCategory,
    repeatComplainants: repeat,
    groupComplaints: Number(totals.group_complaints), majorComplaints: Number(totals.major),
  }
}
