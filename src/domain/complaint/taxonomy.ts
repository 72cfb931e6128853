/**
 * The app's own business categories and causes from before it classified by JR/T 0169-2018 (src/domain/taxonomy/).
 * No longer offered: kept for the labels of the values old complaints carry, which the upgrade mapping
 * (taxonomy/legacyMapping.ts) turns into codes without changing them.
 */
export interface TaxonomyEntry {
  id: string
  zh: string
  en: string
  /** Retired entries stay so old complaints still show their label, but are not offered for new ones. */
  retired?: boolean
}

export interface LegacyTaxonomy {
  categories: TaxonomyEntry[]
  causes: TaxonomyEntry[]
}

export const LEGACY_TAXONOMY: LegacyTaxonomy = {
  categories: [
    { id: 'deposits', zh: '存款业务', en: 'Deposits' },
    { id: 'cards', zh: '银行卡', en: 'Cards' },
    { id: 'loans', zh: '贷款业务', en: 'Loans' },
    { id: 'wealth', zh: '理财产品', en: 'Wealth management' },
    { id: 'insurance', zh: '代理保险', en: 'Bancassurance' },
    { id: 'payments', zh: '支付结算', en: 'Payments' },
    { id: 'ebanking', zh: '电子银行', en: 'E-banking' },
    { id: 'counter', zh: '柜面服务', en: 'Counter service' },
    { id: 'fees', zh: '收费', en: 'Fees' },
    { id: 'facilities', zh: '网点设施', en: 'Branch facilities' },
    { id: 'other', zh: '其他', en: 'Other' },
  ],
  causes: [
    { id: 'attitude', zh: '服务态度', en: 'Service attitude' },
    { id: 'process', zh: '业务流程', en: 'Process' },
    { id: 'waiting', zh: '等候时间', en: 'Waiting time' },
    { id: 'pricing', zh: '定价收费', en: 'Pricing' },
    { id: 'disclosure', zh: '信息披露', en: 'Information disclosure' },
    { id: 'sales', zh: '营销行为', en: 'Sales conduct' },
    { id: 'system', zh: '系统故障', en: 'System failure' },
    { id: 'security', zh: '资金安全', en: 'Security of funds' },
    { id: 'privacy', zh: '个人信息保护', en: 'Personal data' },
    { id: 'other', zh: '其他', en: 'Other' },
  ],
}

export function taxonomyLabel(entries: TaxonomyEntry[], id: string | undefined, locale: string): string {
  if (!id) return ''
  const e = entries.find((x) => x.id === id)
  if (!e) return id
  return locale.startsWith('zh') ? e.zh : e.en
}
