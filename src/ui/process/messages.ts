export const processMessages = { 'zh-CN': { process: {} }, en: { process: {} } }
