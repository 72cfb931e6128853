const zhCN = {
  clocks: {
    title: '处理时限',
    names: {
      firstResponse: '首次响应（24 小时内）',
      handling: '处理目标（24 小时内）',
      reply: '答复客户（15 个工作日）',
      regulatory: '监管时限（15 日，延长至 30 / 60 日）',
    },
    states: { onTrack: '正常', dueSoon: '即将到期', overdue: '已超时', met: '按时完成', metLate: '逾期完成' },
    due: '截止 {time}',
    metAt: '完成于 {time}',
    binding: '最近的期限',
    extended: '已延长至 {date}（最长至 {cap}）',
    excluded: '已扣除暂停计时 {n} 天',
    provisional: '期限落在尚未公布节假日安排的年份，日期为暂定，公布后会自动更新',
  },
}

const en: typeof zhCN = {
  clocks: {
    title: 'Time limits',
    names: {
      firstResponse: 'First response (24 hours)',
      handling: 'Handling target (24 hours)',
      reply: 'Reply to the customer (15 working days)',
      regulatory: 'Regulatory limit (15 days; 30 / 60 if extended)',
    },
    states: { onTrack: 'On track', dueSoon: 'Due soon', overdue: 'Overdue', met: 'Met', metLate: 'Met late' },
    due: 'Due {time}',
    metAt: 'Met {time}',
    binding: 'Next deadline',
    extended: 'Extended to {date} (at most {cap})',
    excluded: '{n} paused days excluded',
    provisional: 'This deadline falls in a year whose holiday schedule is not yet published: provisional, updated once it is',
  },
}

export const clockMessages = { 'zh-CN': zhCN, en }
