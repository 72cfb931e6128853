/** The SMS texts a manager starts from, one per purpose: the decision notices and the contacts. */
export const SMS_TEMPLATE_IDS = [
  'decision',
  'reviewDecision',
  'acknowledgement',
  'progress',
  'extensionNotice',
  'followUp',
] as const

/** SMS texts the manager starts from and edits; placeholders are filled from the complaint and the form. */
export interface SmsTemplate {
  id: (typeof SMS_TEMPLATE_IDS)[number]
  text: string
}

export const CONTACT_TEMPLATE_IDS: readonly SmsTemplate['id'][] = [
  'acknowledgement',
  'progress',
  'extensionNotice',
  'followUp',
]

export const DEFAULT_SMS_TEMPLATES: Record<'zh-CN' | 'en', SmsTemplate[]> = {
  'zh-CN': [
    {
      id: 'decision',
      text: '{name}您好，关于您{date}反映的问题，我行经核实：{findings}。处理决定：{decision}。依据和理由：{basis}。如对处理决定有异议，您可于{reviewBy}前向我行申请核查，也可依法申请调解、仲裁或提起诉讼。',
    },
    {
      id: 'reviewDecision',
      text: '{name}您好，关于您申请核查的问题，我行经重新核实：{findings}。核查结论：{decision}。依据和理由：{basis}。如仍有异议，您可依法申请调解、仲裁或提起诉讼。',
    },
    {
      id: 'acknowledgement',
      text: '{name}您好，您{date}反映的问题我行已受理，正在核实处理，我们会尽快告知您处理决定。',
    },
    { id: 'progress', text: '{name}您好，您{date}反映的问题正在处理中，目前进展：{result}。我们会及时告知处理决定。' },
    {
      id: 'extensionNotice',
      text: '{name}您好，您{date}反映的问题因{result}需要延长处理时限，预计于{due}前答复您，感谢您的耐心。',
    },
    {
      id: 'followUp',
      text: '{name}您好，您反映的问题已处理完毕，请问您对处理结果是否满意？欢迎回复或来电告诉我们您的意见。',
    },
  ],
  en: [
    {
      id: 'decision',
      text: 'Dear {name}, about the matter you raised on {date}: we have verified that {findings}. Our decision: {decision}. Basis and reasons: {basis}. If you disagree, you may ask us to review it by {reviewBy}, or seek mediation, arbitration or litigation.',
    },
    {
      id: 'reviewDecision',
      text: 'Dear {name}, about the review you asked for: we have verified again that {findings}. Our conclusion: {decision}. Basis and reasons: {basis}. If you still disagree, you may seek mediation, arbitration or litigation.',
    },
    {
      id: 'acknowledgement',
      text: 'Dear {name}, we have received the matter you raised on {date} and are looking into it. We will tell you our decision as soon as we can.',
    },
    {
      id: 'progress',
      text: 'Dear {name}, the matter you raised on {date} is being handled. Progress so far: {result}. We will tell you our decision.',
    },
    {
      id: 'extensionNotice',
      text: 'Dear {name}, the matter you raised on {date} needs more time because {result}. We will reply by {due}. Thank you for your patience.',
    },
    {
      id: 'followUp',
      text: 'Dear {name}, the matter you raised has been dealt with. Are you satisfied with the outcome? Reply or call us to tell us.',
    },
  ],
}

/** Fills `{name}`-style placeholders; unknown ones stay visible so the manager sees what is still to write. */
export function fillTemplate(text: string, values: Record<string, string | undefined>): string {
  return text.replace(/\{(\w+)\}/g, (m, key: string) => values[key] ?? m)
}

/** An `sms:` link that opens the tablet's messaging app with the text (iOS and Android both read `?body=`). */
export function smsLink(phone: string, body: string): string {
  return `sms:${phone.replace(/[^\d+]/g, '')}?body=${encodeURIComponent(body)}`
}
