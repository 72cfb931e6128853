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
