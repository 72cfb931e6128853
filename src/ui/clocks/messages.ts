const zhCN = {
  clocks: {
    title: '处理时限',
    names: {
      firstResponse: '首次响应（24 小时）',
      handling: '24 小时内办结或告知延期',
      reply: '行内答复时限（15 个工作日，延期至多 45 个工作日）',
      regulatory: '监管处理时限（15 日，延长至 30 / 60 日）',
      review: '核查时限（30 日）',
    },
    sources: { firstResponse: '流程二.2', handling: '流程二.3', reply: '流程二.3', regulatory: '《办法》第十八条', review: '《办法》第二十条' },
    states: { onTrack: '正常', dueSoon: '即将到期', overdue: '已超时', met: '按时完成', metLate: '逾期完成', missed: '超时未完成', stopped: '已停止' },
    asks: {
      firstResponse: '需要：对客户做出首次响应',
      handling: '需要：告知处理决定；24 小时内办不完的，告知客户延期及原因',
      reply: '需要：告知处理决定',
      regulatory: '需要：告知处理决定；需延期的，须在期限前决定并告知客户',
      review: '需要：告知核查结论',
    },
    metBy: {
      acknowledgement: '首次响应', contact: '联系客户', script: '当面话术', notice: '告知处理决定', extensionNotice: '告知延期及原因', unreachable: '记录无法告知',
    },
    rounds: { original: '原投诉', newFacts: '新情况，重新受理', review: '客户申请核查' },
    round: '第 {n} 轮 · {kind} · {time} 起算',
    earlier: '此前各轮',
    due: '截止 {time}',
    metAt: '{how}于 {time}',
    loggedLate: '（记录于 {time}）',
    breachedSince: '自 {time} 起超时',
    stoppedAt: '停止于 {time}',
    binding: '最近的期限',
    limitDays: '时限 {n} 日',
    approval: '经 {name}（上级机构/总行）于 {at} 审批延长',
    extension: {
      counted: '延期至 {date}，已告知客户',
      capped: '延期至 {date}，按已获审批计至 {cap}',
      late: '延期至 {date} 的决定或告知晚于期限 {deadline}，不予计入',
    },
    extended: '已延长至 {date}（最长至 {cap}）',
    excluded: '已扣除暂停计时 {n} 天',
    provisional: '期限落在尚未公布节假日安排的年份，已按法定节假日计算，日期为暂定，公布后会自动更新',
  },
}

const en: typeof zhCN = {
  clocks: {
    title: 'Time limits',
    names: {
      firstResponse: 'First response (24 hours)',
      handling: 'Handled, or extension told, within 24 hours',
      reply: "The bank's reply (15 working days; extended, 45 at most)",
      regulatory: 'Regulatory limit (15 days; 30 / 60 if extended)',
      review: 'Review (30 days)',
    },
    sources: { firstResponse: 'Procedure II.2', handling: 'Procedure II.3', reply: 'Procedure II.3', regulatory: 'Rule Art. 18', review: 'Rule Art. 20' },
    states: { onTrack: 'On track', dueSoon: 'Due soon', overdue: 'Overdue', met: 'Met', metLate: 'Met late', missed: 'Missed', stopped: 'Stopped' },
    asks: {
      firstResponse: 'Asks for: a first response to the customer',
      handling: 'Asks for: the decision told; if it cannot be handled in 24 hours, the customer told of the extension and why',
      reply: 'Asks for: the decision told',
      regulatory: 'Asks for: the decision told; an extension decided and told before the deadline',
      review: 'Asks for: the review conclusion told',
    },
    metBy: {
      acknowledgement: 'First response', contact: 'Customer contacted', script: 'Script in person', notice: 'Decision told', extensionNotice: 'Extension and reason told', unreachable: 'Recorded as impossible to tell',
    },
    rounds: { original: 'The complaint', newFacts: 'Reopened on new facts', review: 'Review requested' },
    round: 'Round {n} · {kind} · from {time}',
    earlier: 'Earlier rounds',
    due: 'Due {time}',
    metAt: '{how} {time}',
    loggedLate: ' (logged {time})',
    breachedSince: 'Overdue since {time}',
    stoppedAt: 'Stopped {time}',
    binding: 'Next deadline',
    limitDays: 'Limit {n} days',
    approval: 'Extended with the approval of {name} (superior office / head office), {at}',
    extension: {
      counted: 'Extended to {date}, customer told',
      capped: 'Extended to {date}; counted to {cap}, as far as the approvals held allow',
      late: 'Extension to {date} decided or told after the deadline {deadline}: not counted',
    },
    extended: 'Extended to {date} (at most {cap})',
    excluded: '{n} paused days excluded',
    provisional: 'This deadline falls in a year whose holiday schedule is not yet published: counted with the statutory holidays, provisional, updated once it is',
  },
}

export const clockMessages = { 'zh-CN': zhCN, en }
