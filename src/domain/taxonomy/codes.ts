/**
 * The three coded dimensions of JR/T 0169-2018《金融消费者投诉统计分类及编码 银行业金融机构》: A the channel where the
 * business was done (业务办理渠道), B the business type (业务类别), C the cause (投诉原因).
 */
export const DIMENSIONS = ['A', 'B', 'C'] as const
export type Dimension = (typeof DIMENSIONS)[number]

/** A complaint's code on each dimension; a dimension not yet classified is absent. */
export type Codes = Partial<Record<Dimension, string>>

/**
 * A code: its dimension's letter, then upper-case letters and digits. A child's code extends its parent's, so
 * that a code's ancestors are its prefixes (see codeTableProblems).
 */
export const CODE_PATTERN = /^[ABC][0-9A-Z]{1,11}$/

export interface CodeEntry {
  code: string
  /** The code of the level above; absent at a dimension's top level. */
  parent?: string
  zh: string
  en: string
  /** The standard's "其他" of its level (coded 99, or 9 on a one-digit level). */
  other?: boolean
  /**
   * The entry's place in the standard could not be verified, so its code is the app's own (an upper-case P after
   * the parent's code: the standard's codes are digits) and never the code of another entry of the standard.
   * See jrt0169.ts.
   */
  provisional?: boolean
  /** No longer offered for new complaints; kept, with its code, so that complaints classified under it still report. */
  retired?: boolean
  /** A retired entry's successor: complaints classified under this code are counted under that one. */
  replacedBy?: string
}

export const dimensionOf = (code: string): Dimension => code[0] as Dimension
