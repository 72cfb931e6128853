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

/** The Chinese source; the English is src/ui/pwa/messages.en.ts, loaded only for an English screen. */
export const pwaMessages = zhCN
export type PwaMessages = typeof zhCN
