import type { FastifyInstance } from 'fastify'
import { resolveSettings } from '../../domain'
import { reportCodesRoute } from '../../domain/api/reportApi'
import type { Database } from '../db/Database'
import { HttpError } from '../http/errors'
import { route } from '../http/route'
import { codeReportRows, codeReportWorkbook } from '../reports/codeExport'
import type { RegisterEntry } from '../reports/codeExport'
import { codeReport } from '../reports/codeReport'
import { toCsv } from '../reports/csv'
import { readSettings } from '../settings/readSettings'
import { reportScope, scopeOf } from './reportRoutes'

/** More complaints than this in one workbook's register: ask for a shorter range or fewer branches. */
const WORKBOOK_REGISTER_LIMIT = 50_000

async function taxonomyOf(db: Database) {
  return resolveSettings(await readSettings(db)).taxonomy
}

/** The statistics by JR/T 0169-2018 code, and the taxonomy in force. */
export function codeReportRoutes(app: FastifyInstance, db: Database): void {
  /** The taxonomy every tablet follows (the default where the centre has set none): what an administrator edits and puts back. */
  app.get('/api/settings/taxonomy', { config: { access: 'staff' } }, async () => taxonomyOf(db))

  /** A range's complaints counted by code on each dimension, at every level, by branch and by month (China dates, inclusive). */
  route(app, reportCodesRoute, { access: 'staff' }, async ({ query, principal }) => {
    const { q, branchIds, from, to } = await scopeOf(db, query, principal)
    return { from: q.from, to: q.to, ...(await codeReport(db, { branchIds, from, to }, await taxonomyOf(db))) }
  })

  /** The same as CSV for Excel: one row per code, dimension after dimension. */
  app.get('/api/reports/codes.csv', { config: { access: 'staff' } }, async (request, reply) => {
    const { q, branchIds, from, to } = await reportScope(db, request)
    const { header, rows } = codeReportRows(await codeReport(db, { branchIds, from, to }, await taxonomyOf(db)))
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="codes-${q.from}-${q.to}.csv"`)
      .send(toCsv(header, rows))
  })

  /** The period's statistics by code as an Excel workbook, with the upgrade mapping and the register. */
  app.get('/api/reports/codes.xlsx', { config: { access: 'staff' } }, async (request, reply) => {
    const { q, branchIds, from, to } = await reportScope(db, request)
    const taxonomy = await taxonomyOf(db)
    const report = await codeReport(db, { branchIds, from, to }, taxonomy)
    const { rows } = await db.query<RegisterEntry>(
      `select c.id, c.state->>'caseNumber' as "caseNumber", b.name as branch, c.received_at as "receivedAt", c.state->'customer'->>'name' as customer, c.kind, c.status,
              c.state->>'description' as description, c.pre_standard as "preStandard", c.code_a as "codeA", c.code_b as "codeB", c.code_c as "codeC",
              c.category, c.cause, c.first_response_at as "firstResponseAt", c.replied_at as "repliedAt", c.extended, c.closed_at as "closedAt"
       from complaints c join branches b on b.id = c.branch_id
       where c.branch_id = any($1::text[]) and c.received_at >= $2 and c.received_at < $3 order by c.received_at, c.id limit ${WORKBOOK_REGISTER_LIMIT + 1}`,
      [branchIds, from, to],
    )
    if (rows.length > WORKBOOK_REGISTER_LIMIT)
      throw new HttpError(
        422,
        'too_many',
        `More than ${WORKBOOK_REGISTER_LIMIT} complaints: choose a shorter range or fewer branches`,
      )
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="codes-${q.from}-${q.to}.xlsx"`)
      .send(await codeReportWorkbook(report, rows, taxonomy, q))
  })
}
