/** The SMS replies a manager starts from, one per purpose of contact. */
export const SMS_TEMPLATE_IDS = ['reply', 'progress', 'extensionNotice', 'followUp'] as const

/** SMS replies the manager starts from and edits; placeholders are filled from the complaint. */
export interface SmsTemplate {
  id: (typeof SMS_TEMPLATE_IDS)[number]
  text: string
}

export const DEFAULT_SMS_TEMPLATES: Record<'zh-CN' | 'en', SmsTemplate[]> = {
  'zh-CN': [
    { id: 'reply', text: '{name}您好，关于您{date}反映的问题，我行已核实处理：{result}。如有疑问请致电本网点，感谢您的理解与支持。' },
    { id: 'progress', text: '{name}您好，您{date}反映的问题正在处理中，目前进展：{result}。我们会及时告知处理结果。' },
    { id: 'extensionNotice', text: '{name}您好，您{date}反映的问题因{result}需要延长处理时限，预计于{due}前答复您，感谢您的耐心。' },
    { id: 'followUp', text: '{name}您好，您反映的问题已处理完毕，请问您对处理结果是否满意？欢迎回复或来电告诉我们您的意见。' },
  ],
  en: [
    { id: 'reply', text: 'Dear {name}, about the matter you raised on {date}: we have looked into it and {result}. Please call the branch with any questions. Thank you for your patience.' },
    { id: 'progress', text: 'Dear {name}, the matter you raised on {date} is being handled. Progress so far: {result}. We will tell you the outcome.' },
    { id: 'extensionNotice', text: 'Dear {name}, the matter you raised on {date} needs more time because {result}. We will reply by {due}. Thank you for your patience.' },
    { id: 'followUp', text: 'Dear {name}, the matter you raised has been dealt with. Are you satisfied with the outcome? Reply or call us to tell us.' },
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
