/** The reminders' words: the book's strip, the app's notifications, their settings (first screen: the strip is on the book). */
const zhCN = {
  reminders: {
    today: '今天需联系客户 {n} 件',
    show: '查看',
    hide: '收起',
    settings: '提醒通知',
    overdue: '已逾期',
    kinds: {
      promisedDate: '到了承诺给客户答复的日期',
      progressContact: '该向客户通报处理进度了',
      followUp: '今天需回访客户',
      replyDue: '处理时限今天到期',
    },
    kindsOverdue: {
      promisedDate: '已过承诺给客户答复的日期',
      progressContact: '已多日未向客户通报进度',
      followUp: '回访已逾期',
      replyDue: '处理时限已过',
    },
    notice: { title: '投诉台提醒' },
    page: {
      title: '提醒通知',
      hint: '开启后，到了承诺答复日、该通报进度、该回访或处理时限到期时，本平板会弹出通知，同一事项每天最多提醒一次。通知只显示投诉编号和待办事项，不含客户姓名、电话等信息。',
      state: {
        unsupported: '此浏览器不支持通知。',
        notInstalled: '请先把投诉台安装到平板主屏幕，离线功能就绪后再打开本页，才能接收通知。',
        denied: '浏览器已禁止本站的通知：请在浏览器的网站设置中允许后再开启。',
        off: '通知未开启。',
        on: '通知已开启。',
      },
      on: '开启通知',
      off: '关闭通知',
      back: '返回投诉簿',
    },
  },
}

/** The Chinese source; the English is messages.en.ts, loaded only for an English screen. */
export const reminderMessages = zhCN
export type ReminderMessages = typeof zhCN
