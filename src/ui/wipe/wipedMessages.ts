/** What the screen of an erased tablet says (its own chunk, merged when it shows). */
const zhCN = {
  wiped: {
    title: '这台平板的数据已清除',
    by: '{name}于 {at} 撤销了这台平板的使用权限，并要求清除平板上的数据。',
    byUnknown: '管理员于 {at} 撤销了这台平板的使用权限，并要求清除平板上的数据。',
    done: '平板上尚未上传的投诉记录已先上传到中心，随后本机的投诉、草稿和员工 PIN 已于 {at} 全部删除。已上传的投诉仍完整保存在中心。',
    undelivered: '其中有 {n} 条记录中心未能接收，已随平板数据一并删除，请联系管理员核实。',
    next: '如需继续使用这台平板，请由本网点员工联网重新启用。',
    enrol: '重新启用这台平板',
  },
}

const en: typeof zhCN = {
  wiped: {
    title: 'This tablet’s data has been erased',
    by: '{name} (administrator) revoked this tablet at {at} and asked for its data to be erased.',
    byUnknown: 'An administrator revoked this tablet at {at} and asked for its data to be erased.',
    done: 'The complaint records it had not yet sent went to the centre first; then its complaints, drafts and staff PINs were deleted at {at}. Everything sent is kept in full at the centre.',
    undelivered: '{n} of its records could not be accepted by the centre and were deleted with the rest: please check with the administrator.',
    next: 'To use this tablet again, a staff member of the branch must enrol it again while online.',
    enrol: 'Enrol this tablet again',
  },
}

export const wipedMessages = { 'zh-CN': zhCN, en }
