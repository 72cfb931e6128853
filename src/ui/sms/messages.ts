/** The words of SMS sent through the centre (merged with the pages beyond the book, src/ui/i18n/featureMessages.ts). */
export const smsMessages = {
  'zh-CN': {
    sms: {
      centre: '中心（短信平台）',
      viaCentre:
        '短信将由中心通过银行短信平台发送给 {phone}；平板离线时，联网后自动发送。送达回执即为告知凭证（第二十一条）。',
      send: '发送短信并记录',
      purpose: { decision: '处理决定短信', contact: '联系短信' },
      messageId: '短信平台编号 {id}',
      deliveredAt: '送达时间 {time}',
      status: {
        declared: '已声明发送，无送达凭证',
        requested: '待中心发送',
        accepted: '短信平台已受理，等待送达回执',
        delivered: '已送达',
        failed: '发送失败：{reason}，请重新告知',
      },
      failedNotice: '处理决定短信未送达',
    },
  },
  en: {
    sms: {
      centre: 'Centre (SMS gateway)',
      viaCentre:
        'The centre sends this SMS to {phone} through the bank’s SMS gateway; offline, it goes once the tablet is back online. The delivery receipt is the proof of notice (Art. 21).',
      send: 'Send SMS and record',
      purpose: { decision: 'Decision SMS', contact: 'Contact SMS' },
      messageId: 'Gateway reference {id}',
      deliveredAt: 'Delivered {time}',
      status: {
        declared: 'Declared sent, no delivery receipt',
        requested: 'Waiting to be sent by the centre',
        accepted: 'Taken by the SMS gateway, awaiting the delivery receipt',
        delivered: 'Delivered',
        failed: 'Not delivered: {reason}; tell the customer again',
      },
      failedNotice: 'Decision SMS not delivered',
    },
  },
}
