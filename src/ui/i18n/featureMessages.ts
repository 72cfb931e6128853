import { classificationMessages } from '@/ui/classification/messages'
import { clockMessages } from '@/ui/complaint/clocks/messages'
import { deskMessages } from '@/ui/desk/messages'
import { processMessages } from '@/ui/process/messages'
import { scriptMessages } from '@/ui/script/messages'
import { slipMessages } from '@/ui/slip/messages'
import { smsMessages } from '@/ui/sms/messages'
import { syncMessages } from '@/ui/complaint/timeline/messages'
import { attachmentMessages } from '@/ui/attachments/messages'

/** The messages of the pages beyond the book: loaded with the first of them, so the first screen does not carry them. */
export const featureMessages = {
  'zh-CN': {
    ...scriptMessages['zh-CN'],
    ...processMessages['zh-CN'],
    ...clockMessages['zh-CN'],
    ...deskMessages['zh-CN'],
    ...classificationMessages['zh-CN'],
    ...syncMessages['zh-CN'],
    ...slipMessages['zh-CN'],
    ...smsMessages['zh-CN'],
    ...attachmentMessages['zh-CN'],
  },
  en: {
    ...scriptMessages.en,
    ...processMessages.en,
    ...clockMessages.en,
    ...deskMessages.en,
    ...classificationMessages.en,
    ...syncMessages.en,
    ...slipMessages.en,
    ...smsMessages.en,
    ...attachmentMessages.en,
  },
}
