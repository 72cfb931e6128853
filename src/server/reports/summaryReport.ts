import { CLOCK_SOURCE, FINISHED_SQL } from '../../domain'
import type { ClockName } from '../../domain'
import type { Queryable } from '../db/Database'

export interface ReportQuery {
  branchIds: string[]
  /** Received on or after / before (ISO instants). */
  from: string
  to: string
  now?: Date
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))

/** Each clock's columns in the projection: its latest deadline and when it was met (see domain clockRecords). */
const CLOCK_COLUMNS: Record<ClockName, [due: string, met: string]> = {
  firstResponse: ['first_response_due', 'first_response_at'],
  handling: ['handling_due', 'handling_met_at'],
  reply: ['reply_due', 'replied_at'],
  regulatory: ['regulatory_due', 'regulatory_met_at'],
  review: ['review_due', 'review_met_at'],
}
const CLOCKS = Object.keys(CLOCK_COLUMNS) as ClockName[]
const snake = (name: ClockName) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
/**
 * A clock counts once it is decided — met, or its deadline passed by the report's time ($4) — and is on time when
 * met by its deadline: the states computeClocks gives, so a complaint not yet due never lowers a rate.
 */
const decidedSql = ([due, met]: [string, string]) =>
  `${due} is not null and (${met} <= $4::timestamptz or ${due} < $4::timestamptz)`
const onTimeSql = ([due, met]: [string, string]) => `coalesce(${met} <= ${due} and ${met} <= $4::timestamptz, false)`
/** Each row's flags, computed once in the range's CTE: `<clock>_decided`, `<clock>_on_time`, then `breached`. */
const flagsSql = CLOCKS.map(
  (c) =>
    `${decidedSql(CLOCK_COLUMNS[c])} as ${snake(c)}_decided, ${onTimeSql(CLOCK_COLUMNS[c])} as ${snake(c)}_on_time`,
).join(',\n          ')
const breachedSql = `earlier_breaches > 0 or ${CLOCKS.map((c) => `(${snake(c)}_decided and not ${snake(c)}_on_time)`).join(' or ')}`

/**
 * The figures the 2020 rule asks a bank to analyse (Art. 26, 35–36), computed in SQL over the complaints
 * projection for a date range and branches: nothing is loaded row by row into Node.
 */
export async function summaryReport(db: Queryable, q: ReportQuery) {
  // One pass over the range: the rows are read once, off the covering index `complaints_report` (an index-only
  // scan on a vacuumed table), into a CTE that every figure below aggregates; each clock's state is worked out
  // there once per row.
  const { rows } = await db.query<{
    totals: Record<string, unknown>
    by_category: unknown
    opinions: unknown
    repeat: unknown
    by_branch: unknown
  }>(
    `
    with r as materialized (
      select *, ${breachedSql} as breached from (
        select branch_id, kind, verdict, status, received_at, first_response_at, reviews, earlier_breaches,
          extended, due_at, reopened, group_size, closed_at, mood_start, mood_end, category, cause, opinion, phone,
          ${flagsSql}
        from complaints where branch_id = any($1::text[]) and received_at >= $2 and received_at < $3
      ) f
    )
    select
      (select row_to_json(t) from (select
        count(*) as total,
        count(*) filter (where kind = 'complaint') as complaints,
        count(*) filter (where kind = 'suggestion') as suggestions,
        count(*) filter (where verdict = 'valid') as valid,
        count(*) filter (where verdict = 'invalid') as invalid,
        ${CLOCKS.map((c) => `count(*) filter (where ${snake(c)}_decided) as ${snake(c)}_decided, count(*) filter (where ${snake(c)}_on_time) as ${snake(c)}_on_time,`).join('\n        ')}
        count(*) filter (where breached) as breached,
        count(*) filter (where extended) as extended,
        count(*) filter (where status not in ${FINISHED_SQL} and due_at < $4::timestamptz) as overdue,
        count(*) filter (where reopened) as reopened,
        coalesce(sum(reviews), 0) as reviews,
        count(*) filter (where group_size >= 2) as group_complaints,
        count(*) filter (where group_size >= 20) as major,
        percentile_cont(0.5) within group (order by extract(epoch from first_response_at - received_at)) filter (where first_response_at is not null) as median_first_response_s,
        percentile_cont(0.5) within group (order by extract(epoch from closed_at - received_at)) filter (where closed_at is not null) as median_closure_s,
        avg(mood_start) as mood_start_avg,
        avg(mood_end) as mood_end_avg
      from r) t) as totals,
      (select coalesce(json_agg(c order by c.n desc, c.category, c.cause), '[]') from (
        select category, cause, count(*)::int as n from r group by category, cause) c) as by_category,
      (select coalesce(json_object_agg(opinion, n order by opinion), '{}') from (
        select opinion, count(*)::int as n from r where opinion is not null group by opinion) o) as opinions,
      (select json_build_object('phones', count(*)::int, 'complaints', coalesce(sum(n), 0)::int) from (
        select count(*) as n from r where phone is not null group by phone having count(*) > 1) p) as repeat,
      (select coalesce(json_agg(b order by b.branch_id), '[]') from (
        select branch_id, count(*)::int as total,
          count(*) filter (where status not in ${FINISHED_SQL} and due_at < $4::timestamptz)::int as overdue,
          count(*) filter (where extended)::int as extended,
          count(*) filter (where breached)::int as breached
        from r group by branch_id) b) as by_branch`,
    [q.branchIds, q.from, q.to, (q.now ?? new Date()).toISOString()],
  )
  const row = rows[0]!
  // PGlite returns json as objects, node-postgres too; a driver that returns text is parsed.
  const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T
  const totals = json<Record<string, unknown>>(row.totals)
  const byCategory = json<{ category: string | null; cause: string | null; n: number }[]>(row.by_category)
  const opinions = json<Record<string, number>>(row.opinions)
  const repeat = json<{ phones: number; complaints: number }>(row.repeat)
  const byBranch = json<{ branch_id: string; total: number; overdue: number; extended: number; breached: number }[]>(
    row.by_branch,
  )
  const total = Number(totals.total)
  const rate = (n: unknown) => (total === 0 ? null : Number(n) / total)
  // The rule's clocks (Art. 18, 20) and the bank's own (the procedure), each over the complaints it has decided.
  const clocks = Object.fromEntries(
    CLOCKS.map((c) => {
      const decided = Number(totals[`${snake(c)}_decided`])
      const onTime = Number(totals[`${snake(c)}_on_time`])
      return [
        c,
        {
          source: CLOCK_SOURCE[c],
          decided,
          onTime,
          late: decided - onTime,
          rate: decided === 0 ? null : onTime / decided,
        },
      ]
    }),
  ) as Record<
    ClockName,
    { source: 'bank' | 'rule'; decided: number; onTime: number; late: number; rate: number | null }
  >
  return {
    total,
    complaints: Number(totals.complaints),
    suggestions: Number(totals.suggestions),
    valid: Number(totals.valid),
    invalid: Number(totals.invalid),
    clocks,
    breached: { count: Number(totals.breached), rate: rate(totals.breached) },
    extended: { count: Number(totals.extended), rate: rate(totals.extended) },
    overdue: { count: Number(totals.overdue), rate: rate(totals.overdue) },
    reopened: Number(totals.reopened),
    reviews: Number(totals.reviews),
    medianFirstResponseHours:
      totals.median_first_response_s === null ? null : Number(totals.median_first_response_s) / 3600,
    medianClosureHours: totals.median_closure_s === null ? null : Number(totals.median_closure_s) / 3600,
    moodStartAvg: num(totals.mood_start_avg),
    moodEndAvg: num(totals.mood_end_avg),
    opinions,
    byCategoryAndCause: byCategory,
    repeatComplainants: repeat,
    groupComplaints: Number(totals.group_complaints),
    majorComplaints: Number(totals.major),
    byBranch: byBranch.map((b) => ({
      branchId: b.branch_id,
      total: b.total,
      overdue: b.overdue,
      extended: b.extended,
      breached: b.breached,
    })),
  }
}

export type SummaryReport = Awaited<ReturnType<typeof summaryReport>>

/** The figures as rows of (figure, count, rate) for the figures' CSV; labels in Chinese, the register's language. */
export function summaryRows(r: SummaryReport): (string | number | null)[][] {
  const pct = (x: number | null) => (x === null ? '' : `${(x * 100).toFixed(1)}%`)
  const share = (n: number) => pct(r.total === 0 ? null : n / r.total)
  const hours = (h: number | null) => (h === null ? '' : h.toFixed(1))
  const opinion: Record<string, string> = { satisfied: '满意', partly: '基本满意', dissatisfied: '不满意' }
  // Each on-time rate is over the complaints whose deadline has passed or that were answered: "n / decided".
  const clock = (label: string, c: SummaryReport['clocks'][ClockName]) => [
    `${label}（按时 / 应办结）`,
    `${c.onTime} / ${c.decided}`,
    pct(c.rate),
  ]
  return [
    ['受理总数', r.total, ''],
    ['投诉', r.complaints, share(r.complaints)],
    ['建议', r.suggestions, share(r.suggestions)],
    ['成立', r.valid, share(r.valid)],
    ['不成立', r.invalid, share(r.invalid)],
    clock('监管时限：第十八条 15/30/60 日内告知处理决定', r.clocks.regulatory),
    clock('监管时限：第二十条 30 日内告知核查结论', r.clocks.review),
    clock('行内时限：24 小时内首次响应', r.clocks.firstResponse),
    clock('行内时限：24 小时内办结或告知延期', r.clocks.handling),
    clock('行内时限：15 个工作日（延期至多 45 个）内答复', r.clocks.reply),
    ['有超时记录的投诉', r.breached.count, pct(r.breached.rate)],
    ['延期', r.extended.count, pct(r.extended.rate)],
    ['逾期未办结', r.overdue.count, pct(r.overdue.rate)],
    ['新情况重新受理', r.reopened, share(r.reopened)],
    ['申请核查', r.reviews, ''],
    ['首次响应用时中位数（小时）', hours(r.medianFirstResponseHours), ''],
    ['办结用时中位数（小时）', hours(r.medianClosureHours), ''],
    ['话术前平均情绪', r.moodStartAvg === null ? '' : r.moodStartAvg.toFixed(2), ''],
    ['话术后平均情绪', r.moodEndAvg === null ? '' : r.moodEndAvg.toFixed(2), ''],
    ...Object.entries(r.opinions).map(([k, n]) => [`客户意见：${opinion[k] ?? k}`, n, share(n)]),
    ['重复投诉客户（人）', r.repeatComplainants.phones, ''],
    ['重复投诉客户的投诉（件）', r.repeatComplainants.complaints, share(r.repeatComplainants.complaints)],
    ['群体投诉', r.groupComplaints, share(r.groupComplaints)],
    ['重大群体投诉（20 人以上）', r.majorComplaints, share(r.majorComplaints)],
    ...r.byCategoryAndCause.map((c) => [
      `业务类别/原因：${c.category ?? '未分类'} / ${c.cause ?? '未填'}`,
      c.n,
      share(c.n),
    ]),
  ]
}
