const zhCN = {
  auth: {
    offline: '无法连接总行服务器：启用平板需要联网一次',
    badCredentials: '用户名或密码错误',
    tooMany: '尝试次数过多，请稍后再试',
    accountLocked: '该账号连续登录失败次数过多，已暂时锁定，请 15 分钟后再试或联系管理员',
    mustChangePassword: '这是管理员设置的一次性密码：请设置您自己的新密码后继续',
    newPassword: '新密码',
    newPasswordAgain: '再次输入新密码',
    newPasswordMismatch: '两次输入的新密码不一致',
    passwordProblems: {
      tooShort: '密码至少 {n} 个字符',
      tooLong: '密码过长',
      tooCommon: '密码太常见或太容易猜到：请用一句较长、词语之间无关联的话',
      containsName: '密码不能包含您的用户名或姓名',
      unchanged: '新密码不能与当前密码相同',
    },
    failed: '启用失败：{message}',
    otherBranch: '该员工不属于本平板所在网点',
    branchRequired: '管理员启用平板时需指定网点：请由本网点员工登录启用',
    lock: '锁定',
    switchUser: '切换用户',
    revoked: '这台平板已被管理员停用，不再同步。已记录的内容仍保存在本机，请联系管理员。',
    expired: '这台平板超过 30 天未同步，需要重新启用：请本网点员工联网登录启用。已记录的内容仍保存在本机。',
    unconfirmed: '启用这台平板的员工已离职，需管理员确认后才能继续同步。已记录的内容仍保存在本机。',
  },
  sync: {
    synced: '已同步 {time}',
    never: '尚未同步',
    syncing: '正在同步…',
    failed: {
      network: '连不上总行服务器，将自动重试',
      timeout: '总行服务器响应超时，将自动重试',
      server: '总行服务器暂时无法处理（{status}），将自动重试',
      unknown: '同步失败，将自动重试',
    },
    offline: '离线，联网后自动同步',
    rejected: '{n} 条记录被服务器拒绝',
    refused: '服务器拒绝了这条记录：{reason}。它仍保存在本机，请联系管理员。',
  },
}

/** The Chinese source; the English is src/ui/auth/messages.en.ts, loaded only for an English screen. */
export const authMessages = zhCN
export type AuthMessages = typeof zhCN
