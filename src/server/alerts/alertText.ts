import { toChinaLocalInput } from '../../domain/chinaTime'
import { complaintLabel } from '../../domain/complaint/caseLabel'
import type { AlertReason } from '../../domain'
import type { AlertMessage } from './mailer'

/** What a message may say of one alert: the case number, the branch's name, why, and a deadline. Nothing of the customer. */
export interface AlertItem {
  complaintId: string
  caseNumber: string | null
  branchName: string
  reason: AlertReason
  dueAt: Date | null
}

const WHY: Record<AlertReason, string> = {
  escalated: '投诉已升级，等待您给出处理方案',
  major: '登记了一件重大投诉（20人及以上）',
  group: '登记了一件群体投诉',
  extensionRequested: '有一项延期申请等待您审批',
  deadline: '处理时限即将到期',
}

const due = (d: Date | null) => (d ? `，时限 ${toChinaLocalInput(d).replace('T', ' ')}（北京时间）` : '')

function line(item: AlertItem): string {
  return `${complaintLabel({ id: item.complaintId, caseNumber: item.caseNumber ?? undefined })}（${item.branchName}）：${WHY[item.reason]}${due(item.dueAt)}`
}

const FOOTER =
  '\n\n请登录投诉台查看和处理。本邮件不含客户信息，请勿回复。\n如需调整提醒方式，请在投诉台“提醒设置”中修改。'

/** One alert by itself. */
export function alertMessage(to: string, item: AlertItem): AlertMessage {
  return {
    to,
    subject: `【投诉台】${complaintLabel({ id: item.complaintId, caseNumber: item.caseNumber ?? undefined })} ${WHY[item.reason]}`,
    text: `${line(item)}${FOOTER}`,
  }
}

/** The day's digest: every alert waiting for this person, one line each. */
export function digestMessage(to: string, date: string, items: AlertItem[]): AlertMessage {
  return {
    to,
    subject: `【投诉台】${date} 待办提醒（${items.length} 项）`,
    text: `${date} 需要您关注的投诉：\n\n${items.map((i, n) => `${n + 1}. ${line(i)}`).join('\n')}${FOOTER}`,
  }
}

/** What an SMS alert may say of a reason: the shortest words a supervisor still reads at a glance. */
const WHY_SHORT: Record<AlertReason, string> = {
  escalated: '已升级，待您定处理方案',
  major: '重大投诉（20人及以上）',
  group: '群体投诉',
  extensionRequested: '延期申请待您审批',
  deadline: '处理时限将到期',
}

/** Two SMS parts of UCS-2 text (67 characters each): an alert never costs more. */
export const SMS_ALERT_MAX = 134

const label = (item: AlertItem) => complaintLabel({ id: item.complaintId, caseNumber: item.caseNumber ?? undefined })

/**
 * One alert by SMS: the case number and the reason, nothing else (no branch, no customer: a phone's lock screen shows
 * it). `reference` is the gateway's idempotency key: the same alert retried is the same message to it.
 */
export function alertSms(to: string, item: AlertItem & { id: string }): AlertMessage {
  return {
    to,
    subject: '',
    reference: `alert-${item.id}`,
    text: `【投诉台】${label(item)} ${WHY_SHORT[item.reason]}，请登录投诉台处理。`,
  }
}

/** The day's digest by SMS: the count, then as many case numbers with their reason as fit in two parts. */
export function digestSms(to: string, staffId: string, date: string, items: AlertItem[]): AlertMessage {
  const head = `【投诉台】${date}待办${items.length}项：`
  const tail = '。请登录投诉台处理。'
  let body = ''
  let shown = 0
  for (const item of items) {
    const next = `${body}${shown ? '；' : ''}${label(item)} ${WHY_SHORT[item.reason]}`
    const more = items.length - shown - 1 > 0 ? `等${items.length}项` : ''
    if ([...`${head}${next}${more}${tail}`].length > SMS_ALERT_MAX) break
    body = next
    shown++
  }
  const rest = shown < items.length ? `${shown ? '等' : ''}共${items.length}项` : ''
  return { to, subject: '', reference: `digest-${staffId}-${date}`.slice(0, 64), text: `${head}${body}${rest}${tail}` }
}
