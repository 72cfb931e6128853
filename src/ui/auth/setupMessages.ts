/**
 * What only the enrolment and lock screens say: those pages are their own chunks, so their words do not weigh on the
 * complaint book's first paint (merged by each page with useMergedMessages). What other pages say too (sign-in errors,
 * the new-password fields, revocation) stays in messages.ts.
 */
const zhCN = {
  auth: {
    enrolTitle: '启用这台平板',
    enrolIntro: '首次使用时，请由本网点员工联网登录一次：平板将登记到您的网点，之后离线也能用个人 PIN 解锁。',
    username: '用户名',
    password: '密码',
    tabletName: '平板名称',
    tabletNamePlaceholder: '如：大堂 1 号平板',
    pin: '设置 6 位 PIN',
    pinAgain: '再次输入 PIN',
    pinMismatch: '两次输入的 PIN 不一致',
    pinFormat: 'PIN 为 6 位数字',
    enrol: '登录并启用',
    enrolling: '正在启用…',
    unlockTitle: '请选择您的账号并输入 PIN',
    enterPin: '输入 {name} 的 PIN',
    wrongPin: 'PIN 错误，还可尝试 {n} 次',
    lockedOut: '错误次数过多，已锁定至 {time}',
    unlock: '解锁',
    addColleague: '添加本网点同事',
    addColleagueIntro: '同事需联网登录一次，然后设置自己的 PIN。',
    add: '添加',
    checkingColleague: '正在核对账号…',
    added: '已添加 {name}',
    branch: '网点：{name}',
    cancel: '取消',
    withCode: '使用启用码',
    withAccount: '使用员工账号',
    codeIntro:
      '管理员或主管为本网点生成的启用码（两小时内有效，只能用一次）：输入后平板即登记到该网点，本网点员工再各自添加自己并设置 PIN。',
    code: '启用码',
    enrolWithCode: '启用',
    codeFormat: '启用码为 12 位字母和数字，如 ABCD-EFGH-JKMN',
    badCode: '启用码不正确、已使用或已过期：请向管理员索取新的启用码',
    alreadyEnrolled: '这台平板已启用：如需改到其他网点，请管理员先停用它',
    inactive: '该账号已被管理员停用或已不属于本网点，不能再解锁这台平板，请联系管理员',
    pendingGrant: 'PIN 正确。您是在平板锁定时添加的，需要已在本平板上的同事先解锁一次，您才能使用',
    inactiveTag: '（已停用）',
    nobodyYet: '这台平板已启用，但还没有添加员工：请本网点员工联网登录一次并设置自己的 PIN。',
  },
}

const en: typeof zhCN = {
  auth: {
    enrolTitle: 'Set up this tablet',
    enrolIntro:
      'The first time, a member of this branch signs in once with the network on: the tablet is enrolled to your branch, and afterwards you unlock it with a personal PIN, even offline.',
    username: 'Username',
    password: 'Password',
    tabletName: 'Tablet name',
    tabletNamePlaceholder: 'e.g. Banking hall tablet 1',
    pin: 'Choose a 6-digit PIN',
    pinAgain: 'Enter the PIN again',
    pinMismatch: 'The two PINs differ',
    pinFormat: 'A PIN is 6 digits',
    enrol: 'Sign in and enrol',
    enrolling: 'Enrolling…',
    unlockTitle: 'Choose your account and enter your PIN',
    enterPin: "Enter {name}'s PIN",
    wrongPin: 'Wrong PIN: {n} attempt left | Wrong PIN: {n} attempts left',
    lockedOut: 'Too many wrong PINs: locked until {time}',
    unlock: 'Unlock',
    addColleague: 'Add a colleague of this branch',
    addColleagueIntro: 'Your colleague signs in once with the network on, then chooses a PIN.',
    add: 'Add',
    checkingColleague: 'Checking the account…',
    added: '{name} added',
    branch: 'Branch: {name}',
    cancel: 'Cancel',
    withCode: 'Use an enrolment code',
    withAccount: 'Use a staff account',
    codeIntro:
      'An enrolment code an administrator or supervisor made for this branch (valid for two hours, once): the tablet is enrolled to that branch, then each member of the branch adds themselves and chooses a PIN.',
    code: 'Enrolment code',
    enrolWithCode: 'Enrol',
    codeFormat: 'An enrolment code has 12 letters and digits, e.g. ABCD-EFGH-JKMN',
    badCode: 'This enrolment code is wrong, used or expired: ask your administrator for a new one',
    alreadyEnrolled:
      'This tablet is already enrolled: to move it to another branch, an administrator must revoke it first',
    inactive:
      'An administrator has disabled this account or moved it to another branch: it can no longer unlock this tablet. Contact your administrator.',
    pendingGrant:
      'PIN correct. You were added while the tablet was locked: a colleague already on it must unlock it once before you can use it.',
    inactiveTag: ' (disabled)',
    nobodyYet:
      'This tablet is enrolled but nobody has been added yet: a member of this branch signs in once with the network on and chooses a PIN.',
  },
}

export const setupMessages = { 'zh-CN': zhCN, en }
