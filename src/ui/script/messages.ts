export const scriptMessages = { 'zh-CN': { script: {} }, en: { script: {} } }
