import type { Codes, Dimension } from './codes'

/**
 * The upgrade of complaints recorded before the app classified by JR/T 0169-2018: their business category and cause
 * (the app's own earlier lists, src/domain/complaint/taxonomy.ts) are mapped to codes. Nothing is rewritten: the
 * original values stay in the events and on the record, and the codes are derived on read from this mapping, which
 * the administrator reviews and changes centrally (it travels with the taxonomy setting to every tablet).
 */
export interface LegacyMapping {
  categories: Record<string, Codes>
  causes: Record<string, Codes>
  /** What an old complaint gets on a dimension that neither its category nor its cause maps: "其他". */
  fallback: Record<Dimension, string>
}

/**
 * Which old value speaks for a dimension first: the cause for C (it is what the manager said the cause was), the
 * category for A and B (some old categories named a channel: 柜面服务, 电子银行, 网点设施).
 */
export const LEGACY_PRECEDENCE: Record<Dimension, ('categories' | 'causes')[]> = {
  A: ['categories', 'causes'],
  B: ['categories', 'causes'],
  C: ['causes', 'categories'],
}

/**
 * The default mapping, for review. An old value that says nothing about a dimension leaves it to the fallback.
 * Judgement calls: 存款业务 → 人民币储蓄 (a foreign-currency deposit would be 外汇: correct such complaints one by one);
 * 银行卡 → 银行卡·其他 (debit or credit is not known); 理财产品 → 自营理财 and 代理保险 → 银行代理业务; 等候时间 → 服务态度及
 * 服务质量; 电子银行 names a channel, not a business (A 电子渠道·其他, B 其他).
 */
export const DEFAULT_LEGACY_MAPPING: LegacyMapping = {
  categories: {
    deposits: { B: 'B01' },
    cards: { B: 'B0399' },
    loans: { B: 'B02' },
    wealth: { B: 'BP06' },
    insurance: { B: 'BP05' },
    payments: { B: 'B04' },
    ebanking: { A: 'A01039' },
    counter: { A: 'A0101' },
    fees: { C: 'CP02' },
    facilities: { A: 'A0101', C: 'C02' },
    other: {},
  },
  causes: {
    attitude: { C: 'C01' },
    process: { C: 'C03' },
    waiting: { C: 'C01' },
    pricing: { C: 'CP02' },
    disclosure: { C: 'C05' },
    sales: { C: 'C04' },
    system: { C: 'C02' },
    security: { C: 'CP05' },
    privacy: { C: 'CP06' },
    other: {},
  },
  fallback: { A: 'A0199', B: 'B99', C: 'C99' },
}

/** The code the mapping gives an old complaint's `category` and `cause` on one dimension. */
export function mapLegacy(
  mapping: LegacyMapping,
  dimension: Dimension,
  old: { category?: string | null; cause?: string | null },
): string {
  for (const list of LEGACY_PRECEDENCE[dimension]) {
    const value = list === 'categories' ? old.category : old.cause
    const code = value && Object.hasOwn(mapping[list], value) ? mapping[list][value]![dimension] : undefined
    if (code) return code
  }
  return mapping.fallback[dimension]
}
