import { z } from 'zod'
import { boundedDate } from '../text/dateBounds'
import { branchIdSchema, complaintStateSchema } from './deskApi'
import { defineRoute } from './route'

/** A date range (China dates, inclusive) over the caller's branches, or some of them (all by default). */
export const reportQuerySchema = z.object({
  from: boundedDate(),
  to: boundedDate(),
  branch: z.union([branchIdSchema, z.array(branchIdSchema).max(500)]).optional(),
})
export type ReportQueryInput = z.input<typeof reportQuerySchema>

const counted = z.object({ count: z.number(), rate: z.number().nullable() })
/** A clock over the complaints it has decided (met, or past its deadline): how many, how many on time. */
const clockFigure = z.object({
  source: z.enum(['bank', 'rule']),
  decided: z.number(),
  onTime: z.number(),
  late: z.number(),
  rate: z.number().nullable(),
})

/** The figures the 2020 rule asks a bank to analyse (Art. 26, 35–36). */
export const reportSummaryRoute = defineRoute({
  method: 'GET',
  path: '/api/reports/summary',
  query: reportQuerySchema,
  response: z.object({
    branches: z.array(z.string()),
    from: z.string(),
    to: z.string(),
    total: z.number(),
    complaints: z.number(),
    suggestions: z.number(),
    valid: z.number(),
    invalid: z.number(),
    clocks: z.object({
      firstResponse: clockFigure,
      handling: clockFigure,
      reply: clockFigure,
      regulatory: clockFigure,
      review: clockFigure,
    }),
    breached: counted,
    extended: counted,
    overdue: counted,
    reopened: z.number(),
    reviews: z.number(),
    medianFirstResponseHours: z.number().nullable(),
    medianClosureHours: z.number().nullable(),
    moodStartAvg: z.number().nullable(),
    moodEndAvg: z.number().nullable(),
    opinions: z.record(z.string(), z.number()),
    byCategoryAndCause: z.array(
      z.object({ category: z.string().nullable(), cause: z.string().nullable(), n: z.number() }),
    ),
    repeatComplainants: z.object({ phones: z.number(), complaints: z.number() }),
    groupComplaints: z.number(),
    majorComplaints: z.number(),
    byBranch: z.array(
      z.object({
        branchId: z.string(),
        total: z.number(),
        overdue: z.number(),
        extended: z.number(),
        breached: z.number(),
      }),
    ),
  }),
})
export type ReportSummary = z.infer<typeof reportSummaryRoute.response>

/** The complaint register (投诉登记簿) of the range: every complaint's full record. */
export const reportRegisterRoute = defineRoute({
  method: 'GET',
  path: '/api/reports/register',
  query: reportQuerySchema,
  response: z.object({
    from: z.string(),
    to: z.string(),
    complaints: z.array(z.object({ branchName: z.string(), state: complaintStateSchema })),
  }),
})

const dimension = <T extends z.ZodType>(value: T) => z.object({ A: value, B: value, C: value })
const codeFigures = z.object({
  total: z.number(),
  firstResponseOnTime: z.number(),
  replyOnTime: z.number(),
  overdue: z.number(),
  extended: z.number(),
  byBranch: z.record(z.string(), z.number()),
  byMonth: z.record(z.string(), z.number()),
})
const codeRow = z.object({
  code: z.string(),
  parent: z.string().optional(),
  level: z.number().int(),
  zh: z.string(),
  en: z.string(),
  other: z.boolean(),
  provisional: z.boolean(),
  retired: z.boolean(),
  unknown: z.boolean(),
  figures: codeFigures,
})
export type CodeReportRow = z.infer<typeof codeRow>
export type CodeReportFigures = z.infer<typeof codeFigures>

/** The range's complaints by JR/T 0169-2018 code, one dimension at a time, with the upgrade mapping to review. */
export const reportCodesRoute = defineRoute({
  method: 'GET',
  path: '/api/reports/codes',
  query: reportQuerySchema,
  response: z.object({
    from: z.string(),
    to: z.string(),
    branches: z.array(z.object({ id: z.string(), name: z.string() })),
    months: z.array(z.string()),
    total: z.number(),
    dimensions: dimension(z.object({ rows: z.array(codeRow), unclassified: codeFigures })),
    legacy: z.array(
      z.object({
        category: z.string().nullable(),
        cause: z.string().nullable(),
        total: z.number(),
        codes: dimension(z.string()),
      }),
    ),
  }),
})
export type CodeReportAnswer = z.infer<typeof reportCodesRoute.response>
