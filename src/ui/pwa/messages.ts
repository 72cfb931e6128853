/** Texts of the service-worker prompts; the app merges them into its locales (`src/ui/i18n`). */
const zhCN = {
  pwa: {
    updateReady: '新版本已就绪',
    updateHint: '更新前会先保存正在填写的内容',
    update: '更新',
    updating: '正在保存并更新…',
    later: '稍后',
    offlineReady: '已可离线使用：断网时也能继续登记和处理投诉',
    draftSaveFailed: '草稿未能保存，暂不更新。请先提交或复制正在填写的内容。',
  },
}

const en: typeof zhCN = {
  pwa: {
    updateReady: 'A new version is ready',
    updateHint: 'What you are typing is saved first',
    update: 'Update',
    updating: 'Saving and updating…',
    later: 'Later',
    offlineReady: 'Ready to work offline: complaints can be recorded and handled without a network',
    draftSaveFailed: 'The draft could not be saved, so the update was not applied. Submit or copy what you typed first.',
  },
}

export const pwaMessages = { 'zh-CN': zhCN, en }
