import { toChinaLocalInput } from '@/domain'
import type { ComplaintEvent } from '@/domain'

type Translate = (key: string, values?: Record<string, unknown>) => string

/** The one line under a timeline entry's title: what was said or decided, in the reader's language. */
export function describeEvent(e: ComplaintEvent, t: Translate): string {
  switch (e.type) {
    case 'complaint.recorded':
      return `${t(`kind.${e.payload.kind}`)} · ${t(`channel.${e.payload.channel}`)} · ${e.payload.description}`
    case 'complaint.acknowledged':
      return e.payload.note ?? ''
    case 'script.stepDone':
      return [
        t(`script.steps.${e.payload.step}.title`),
        e.payload.realDemand,
        e.payload.rootCause,
        e.payload.plan,
        e.payload.notes,
      ]
        .filter(Boolean)
        .join(' · ')
    case 'script.stepSkipped':
      return `${t(`script.steps.${e.payload.step}.title`)} · ${e.payload.reason}`
    case 'script.moodRecorded':
      return `${t(`timeline.mood.${e.payload.phase}`)}: ${t(`script.moods.${e.payload.mood}`)}`
    case 'note.added':
      return e.payload.text
    case 'validity.judged':
      return `${t(`process.options.verdict.${e.payload.verdict}`)} · ${e.payload.reason}`
    case 'owner.handedOff':
      return `→ ${e.payload.to.staffName} · ${e.payload.reason}`
    case 'plan.proposed':
      return `${e.payload.plan} · ${e.payload.responsible.staffName}`
    case 'customer.contacted':
      return `${t(`contactChannel.${e.payload.channel}`)} · ${t(`process.options.purpose.${e.payload.purpose}`)} · ${e.payload.content}`
    case 'decision.notified':
      return `${t(`contactChannel.${e.payload.channel}`)} · ${e.payload.decision} · ${e.payload.content}`
    case 'customer.unreachable':
      return e.payload.reason
    case 'complaint.escalated':
      return e.payload.reason
    case 'supervisor.planRecorded':
      return `${e.payload.supervisor.staffName} · ${e.payload.plan}`
    case 'complaint.extended':
      return `${e.payload.newDueDate} · ${e.payload.reason} · ${t('timeline.told', { channel: t(`contactChannel.${e.payload.noticeChannel}`) })}`
    case 'extension.requested':
      return `${e.payload.newDueDate} · ${e.payload.reason}`
    case 'extension.decided':
      return `${e.payload.supervisor.staffName} (${t(`timeline.level.${e.payload.level ?? 'supervisor'}`)}) · ${t(`process.options.approved.${e.payload.approved}`)} · ${e.payload.comment}`
    case 'clock.paused':
      return e.payload.reason
    case 'clock.resumed':
      return e.payload.note ?? ''
    case 'complaint.resolved':
      return e.payload.summary
    case 'opinion.recorded':
      return [
        t(`process.options.opinion.${e.payload.opinion}`),
        e.payload.words,
        e.payload.signature && t('slip.signedMark'),
      ]
        .filter(Boolean)
        .join(' · ')
    case 'complaint.closed':
      return e.payload.note ?? ''
    case 'slip.signed':
      return ''
    case 'followUp.scheduled':
      return e.payload.dueDate
    case 'followUp.done':
      return [
        t(`contactChannel.${e.payload.channel}`),
        e.payload.satisfaction && t(`process.options.opinion.${e.payload.satisfaction}`),
        e.payload.content,
      ]
        .filter(Boolean)
        .join(' · ')
    case 'complaint.reopened':
      return e.payload.reason
    case 'review.requested':
      return e.payload.reason
    case 'complaint.withdrawn':
      return e.payload.reason
    case 'sms.requested':
      return `${t(`sms.purpose.${e.payload.purpose}`)} · ${e.payload.recipientPhone} · ${e.payload.messageText}`
    case 'sms.accepted':
      return t('sms.messageId', { id: e.payload.messageId })
    case 'sms.delivered':
      return t('sms.deliveredAt', { time: toChinaLocalInput(new Date(e.payload.deliveredAt)).replace('T', ' ') })
    case 'sms.failed':
      return e.payload.reason
    case 'attachment.added':
      return [e.payload.caption, e.payload.fileName].filter(Boolean).join(' · ')
    case 'attachment.removed':
      return e.payload.reason
    case 'field.corrected':
      return `${t(`process.options.field.${e.payload.field}`)}: ${typeof e.payload.value === 'boolean' ? t(`process.options.yesNo.${e.payload.value}`) : String(e.payload.value ?? '—')} · ${e.payload.reason}`
  }
}
