import ExcelJS from 'exceljs'
import { classify, complaintLabel, DIMENSIONS } from '../../domain'
import type { Dimension, Taxonomy } from '../../domain'
import type { CodeFigures, CodeReport } from './codeReport'

export const DIMENSION_TITLES: Record<Dimension, string> = { A: '投诉业务办理渠道', B: '投诉业务类别', C: '投诉原因' }
const STANDARD = 'JR/T 0169-2018 金融消费者投诉统计分类及编码 银行业金融机构'

/** A code's remark in the exports: where the code is the app's own or no longer offered. */
function remark(r: { provisional: boolean; retired: boolean; unknown: boolean }): string {
  return [
    r.provisional && '代码待核（标准原文未核实，管理员可改为标准代码）',
    r.retired && '已停用',
    r.unknown && '代码表中没有此代码',
  ]
    .filter(Boolean)
    .join('；')
}

/** The header and rows of one figures table: one row per code, indented by level; then 未分类 and 合计. */
function figureTable(report: CodeReport, d: Dimension): { header: string[]; rows: (string | number)[][] } {
  const header = [
    '代码',
    '层级',
    '名称',
    '合计',
    ...report.branches.map((b) => b.name),
    ...report.months,
    '按时首次响应',
    '按时答复',
    '逾期未办结',
    '延期',
    '备注',
  ]
  const cells = (f: CodeFigures) => [
    f.total,
    ...report.branches.map((b) => f.byBranch[b.id] ?? 0),
    ...report.months.map((m) => f.byMonth[m] ?? 0),
    f.firstResponseOnTime,
    f.replyOnTime,
    f.overdue,
    f.extended,
  ]
  const { rows, unclassified } = report.dimensions[d]
  const sum =
    rows.filter((r) => r.level === 1 || r.unknown).reduce((acc, r) => acc + r.figures.total, 0) + unclassified.total
  return {
    header,
    rows: [
      ...rows.map((r) => [r.code, r.level, `${'　'.repeat(r.level - 1)}${r.zh}`, ...cells(r.figures), remark(r)]),
      ['', '', '未分类', ...cells(unclassified), '新登记、尚未分类的投诉'],
      ['', '', '合计', sum, ...report.branches.map(() => ''), ...report.months.map(() => ''), '', '', '', '', ''],
    ],
  }
}

/** The report by code as rows for one CSV: the three dimensions one after the other, each row led by its dimension. */
export function codeReportRows(report: CodeReport): { header: string[]; rows: (string | number)[][] } {
  const tables = DIMENSIONS.map((d) => figureTable(report, d))
  return {
    header: ['维度', ...tables[0]!.header],
    rows: DIMENSIONS.flatMap((d, i) => tables[i]!.rows.map((r) => [`${d} ${DIMENSION_TITLES[d]}`, ...r])),
  }
}

/** One complaint of the register, as the projection and the centre's names give it. */
export interface RegisterEntry {
  id: string
  /** The number the customer was given; absent for complaints recorded before case numbers. */
  caseNumber?: string | null
  branch: string
  receivedAt: Date | string
  customer: string | null
  kind: string
  status: string
  description: string | null
  preStandard: boolean
  codeA: string | null
  codeB: string | null
  codeC: string | null
  category: string | null
  cause: string | null
  firstResponseAt: Date | string | null
  repliedAt: Date | string | null
  extended: boolean
  closedAt: Date | string | null
}

const KIND: Record<string, string> = { complaint: '投诉', suggestion: '建议' }
const STATUS: Record<string, string> = {
  new: '新登记',
  inProgress: '处理中',
  escalated: '已上报',
  resolved: '已解决',
  closed: '已办结',
  withdrawn: '已撤回',
}
const chinaTime = (v: Date | string | null) =>
  v
    ? new Date(Date.parse(String(v instanceof Date ? v.toISOString() : v)) + 8 * 3600_000)
        .toISOString()
        .slice(0, 16)
        .replace('T', ' ')
    : ''

/**
 * The period's statistics as an Excel workbook for the bank's regulatory return: a cover sheet (period, branches,
 * the standard, the notes), one sheet per dimension laid out by code, the upgrade mapping of old complaints, and the
 * register of the period's complaints with their codes.
 */
export async function codeReportWorkbook(
  report: CodeReport,
  register: RegisterEntry[],
  taxonomy: Taxonomy,
  period: { from: string; to: string },
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = '投诉台 Complaint Desk'
  const bold = { bold: true }

  const cover = wb.addWorksheet('说明')
  cover.columns = [{ width: 18 }, { width: 90 }]
  cover.addRows([
    ['统计期间', `${period.from} 至 ${period.to}（北京时间，含首尾两日）`],
    ['网点', report.branches.map((b) => b.name).join('、')],
    ['投诉总数', report.total],
    ['分类标准', STANDARD],
    [
      '说明',
      '每个代码的数量含其下级代码的投诉；“未分类”为新登记后尚未选择分类的投诉；升级前登记的投诉按管理员审定的映射由原业务类别、原因得出代码（见“旧分类映射”）。',
    ],
    [
      '代码待核',
      '标注“代码待核”的条目，其在标准中的位置未能核实，代码为本系统临时代码，不会与标准代码重复；管理员可在中心补充标准代码并停用临时代码（replacedBy），已分类的投诉随之计入标准代码。',
    ],
    ['按时答复', '按答复时限（工作日，经告知客户的延期后为延期日期）计算；监管时限（自然日）口径待与时限改版统一。'],
  ])
  cover.getColumn(1).font = bold
  cover.getColumn(2).alignment = { wrapText: true, vertical: 'top' }

  for (const d of DIMENSIONS) {
    const { header, rows } = figureTable(report, d)
    const ws = wb.addWorksheet(`${d} ${DIMENSION_TITLES[d]}`, { views: [{ state: 'frozen', xSplit: 3, ySplit: 1 }] })
    ws.addRow(header).font = bold
    ws.addRows(rows)
    ws.getColumn(1).width = 10
    ws.getColumn(2).width = 6
    ws.getColumn(3).width = 28
    ws.getColumn(header.length).width = 40
    ws.lastRow!.font = bold
  }

  const mapping = wb.addWorksheet('旧分类映射')
  mapping.addRow([
    '原业务类别',
    '原投诉原因',
    '投诉数',
    ...DIMENSIONS.map((d) => `${d} 代码`),
    ...DIMENSIONS.map((d) => `${d} 名称`),
  ]).font = bold
  const byCode = new Map(taxonomy.codes.map((e) => [e.code, e]))
  const legacyLabel = (list: 'categories' | 'causes', id: string | null) =>
    id ? `${taxonomy.legacy[list].find((e) => e.id === id)?.zh ?? id}（${id}）` : '（未填）'
  for (const l of report.legacy) {
    mapping.addRow([
      legacyLabel('categories', l.category),
      legacyLabel('causes', l.cause),
      l.total,
      ...DIMENSIONS.map((d) => l.codes[d]),
      ...DIMENSIONS.map((d) => byCode.get(l.codes[d])?.zh ?? ''),
    ])
  }
  mapping.columns.forEach((c) => (c.width = 16))

  const reg = wb.addWorksheet('登记簿', { views: [{ state: 'frozen', ySplit: 1 }] })
  reg.addRow([
    '投诉编号',
    '网点',
    '受理时间',
    '客户',
    '类型',
    '状态',
    'A 代码',
    'A 业务办理渠道',
    'B 代码',
    'B 业务类别',
    'C 代码',
    'C 投诉原因',
    '分类来源',
    '原业务类别',
    '原投诉原因',
    '首次响应',
    '答复',
    '延期',
    '办结',
    '投诉事由',
  ]).font = bold
  for (const e of register) {
    const c = classify(
      {
        codes: { A: e.codeA ?? undefined, B: e.codeB ?? undefined, C: e.codeC ?? undefined },
        preStandard: e.preStandard,
        category: e.category,
        cause: e.cause,
      },
      taxonomy,
    )
    const cell = (d: Dimension) => [c[d]?.code ?? '', c[d] ? (byCode.get(c[d]!.code)?.zh ?? '') : '未分类']
    const mapped = DIMENSIONS.some((d) => c[d]?.source === 'mapped')
    reg.addRow([
      complaintLabel({ id: e.id, caseNumber: e.caseNumber ?? undefined }),
      e.branch,
      chinaTime(e.receivedAt),
      e.customer ?? '',
      KIND[e.kind] ?? e.kind,
      STATUS[e.status] ?? e.status,
      ...cell('A'),
      ...cell('B'),
      ...cell('C'),
      mapped ? '升级映射' : '选定',
      e.category ?? '',
      e.cause ?? '',
      chinaTime(e.firstResponseAt),
      chinaTime(e.repliedAt),
      e.extended ? '是' : '否',
      chinaTime(e.closedAt),
      e.description ?? '',
    ])
  }
  reg.columns.forEach((col, i) => (col.width = i === 19 ? 60 : i === 0 ? 18 : 14))
  return Buffer.from(await wb.xlsx.writeBuffer())
}
