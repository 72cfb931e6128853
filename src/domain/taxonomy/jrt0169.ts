import type { CodeEntry } from './codes'

/**
 * The default code tables: JR/T 0169-2018《金融消费者投诉统计分类及编码 银行业金融机构》(People's Bank of China, issued
 * and in force 2018-09-04; clause 1: the classification and codes of financial consumer complaints by the channel
 * where the business was done, the business type and the cause, for banking institutions' complaint statistics,
 * analysis, reporting and management). The administrator completes or amends them centrally (PUT
 * /api/settings/taxonomy); a code, once used, is never removed or renumbered, only retired (see taxonomyChange.ts).
 *
 * WHAT IS VERIFIED, AND FROM WHERE. The standard's own text was not available; every line below comes from public
 * material that quotes or applies it:
 * [S1] 投诉分类及编码标准应用实施工作进展情况报告 (a PBOC county sub-branch's report on implementing the standard,
 *      2019-07-31, wm114.cn/wen/203/405698.html): the coding method ("大类、中类、小类中的'其他'类用'99'、'9'表示"), the
 *      dimensions lettered (A) channel, (B) business type, (C) cause; A's levels in full: 1 前台业务渠道 — 营业现场、
 *      自助机具、电子渠道、第三方渠道、其他 "等5类", 电子渠道 — 网银、电话、移动客户端、网络公众平台、短信、其他 "等6项";
 *      2 中、后台业务渠道; B in the order 人民币储蓄、贷款、银行卡、支付结算、人民币管理、个人金融信息、其他; C in the order
 *      服务态度及服务质量、服务设施设备业务系统、管理制度业务规则与流程、营销方式、信息披露、产品收益、自主选择权、合同条款、
 *      消费者资金安全、消费者信息安全, "……".
 * [S2] A bank's complaint system in a public repository (Vue sources found by the search tool; its channel report
 *      "投诉业务办理渠道报表" has the columns of A in S1's order; its lists hold the 14 business types and the 12
 *      causes named below, causes in the order 服务态度及服务质量、服务设施设备业务系统、管理制度业务规则与流程、
 *      营销方式和手段、信息披露、自主选择权、定价收费、产品收益、合同条款、消费者资金安全、消费者信息安全、债务催收方式和手段).
 * [S3] 中国银行2025年度金融消费者投诉情况报告 (boc.cn, 2026-01-30): business types 借记卡、信用卡、贷款、支付结算、债务催收、
 *      外汇、人民币储蓄、银行代理业务、其他中间业务、个人金融信息、贵金属、人民币管理、自营理财、国库、其他; causes 管理制度、
 *      业务规则与流程、定价收费、金融机构服务设施、设备、业务系统、服务态度及服务质量、债务催收方式和手段、信息披露、
 *      消费者资金安全、营销方式和手段、消费者信息安全 … (ordered by volume, so no order is taken from it).
 * [S4] 兴业银行2023年上半年金融消费者投诉分析报告 (cib.com.cn): channels 前台 / 中、后台, 营业现场、电子渠道、自助机具、第三方渠道;
 *      business 信用卡、借记卡 … (volume order).
 *
 * So: A is verified in full (members and order, S1 and S2 agree). B's and C's members are verified (S2, S3), their
 * order only for the first five (B: S1 alone; C: S1 and S2 agree, and disagree from the sixth on). The code strings
 * of the standard's tables were not seen anywhere: the codes here follow the verified order and the verified 99/9
 * rule, with two digits on the first two levels and one on the third — an inference from that rule (B has more than
 * nine classes, so its "其他" is 99), NOT VERIFIED. Entries whose place is unverified carry the app's provisional
 * codes (`provisional: true`, codes with a P), which can never collide with a code of the standard. Not included
 * for want of a second source: the lower levels of B and C (S2 lists debit-card and payment sub-types, a single
 * source), and the children of 贷款. The administrator adds the standard's real entries and retires the provisional
 * ones with `replacedBy`, and complaints already classified are then counted under the standard's codes.
 */
export const JRT_0169_2018: CodeEntry[] = [
  // A — 投诉业务办理渠道 (the channel where the business was done). S1, S2.
  { code: 'A01', zh: '前台业务渠道', en: 'Front office' },
  { code: 'A0101', parent: 'A01', zh: '营业现场', en: 'On the premises' },
  { code: 'A0102', parent: 'A01', zh: '自助机具', en: 'Self-service machines' },
  { code: 'A0103', parent: 'A01', zh: '电子渠道', en: 'Electronic channels' },
  { code: 'A01031', parent: 'A0103', zh: '网银', en: 'Online banking' },
  { code: 'A01032', parent: 'A0103', zh: '电话', en: 'Telephone' },
  { code: 'A01033', parent: 'A0103', zh: '移动客户端', en: 'Mobile app' },
  { code: 'A01034', parent: 'A0103', zh: '网络公众平台', en: 'Public network platforms' },
  { code: 'A01035', parent: 'A0103', zh: '短信', en: 'SMS' },
  { code: 'A01039', parent: 'A0103', zh: '其他', en: 'Other', other: true },
  { code: 'A0104', parent: 'A01', zh: '第三方渠道', en: 'Third-party channels' },
  { code: 'A0199', parent: 'A01', zh: '其他', en: 'Other', other: true },
  { code: 'A02', zh: '中、后台业务渠道', en: 'Middle and back office' },

  // B — 投诉业务类别 (business type). Members S2, S3; order of B01–B05 S1.
  { code: 'B01', zh: '人民币储蓄', en: 'RMB savings' },
  { code: 'B02', zh: '贷款', en: 'Loans' },
  { code: 'B03', zh: '银行卡', en: 'Bank cards' },
  // Debit and credit cards are reported apart (S3, S4); their codes under 银行卡 are unverified.
  { code: 'B03P1', parent: 'B03', zh: '借记卡', en: 'Debit cards', provisional: true },
  { code: 'B03P2', parent: 'B03', zh: '信用卡', en: 'Credit cards', provisional: true },
  { code: 'B0399', parent: 'B03', zh: '其他', en: 'Other', other: true },
  { code: 'B04', zh: '支付结算', en: 'Payment and settlement' },
  { code: 'B05', zh: '人民币管理', en: 'RMB cash management' },
  { code: 'BP01', zh: '外汇', en: 'Foreign exchange', provisional: true },
  { code: 'BP02', zh: '国库', en: 'State treasury', provisional: true },
  { code: 'BP03', zh: '贵金属', en: 'Precious metals', provisional: true },
  { code: 'BP04', zh: '个人金融信息', en: 'Personal financial information', provisional: true },
  { code: 'BP05', zh: '银行代理业务', en: 'Agency business', provisional: true },
  { code: 'BP06', zh: '自营理财', en: "Bank's own wealth management", provisional: true },
  { code: 'BP07', zh: '其他中间业务', en: 'Other intermediary business', provisional: true },
  { code: 'BP08', zh: '债务催收', en: 'Debt collection', provisional: true },
  { code: 'B99', zh: '其他', en: 'Other', other: true },

  // C — 投诉原因 (cause). Members S2, S3; order of C01–C05 S1 and S2.
  { code: 'C01', zh: '服务态度及服务质量', en: 'Service attitude and quality' },
  { code: 'C02', zh: '服务设施、设备、业务系统', en: 'Facilities, equipment and systems' },
  { code: 'C03', zh: '管理制度、业务规则与流程', en: 'Policies, rules and procedures' },
  { code: 'C04', zh: '营销方式和手段', en: 'Marketing methods' },
  { code: 'C05', zh: '信息披露', en: 'Information disclosure' },
  { code: 'CP01', zh: '自主选择权', en: 'Freedom of choice', provisional: true },
  { code: 'CP02', zh: '定价收费', en: 'Pricing and fees', provisional: true },
  { code: 'CP03', zh: '产品收益', en: 'Product returns', provisional: true },
  { code: 'CP04', zh: '合同条款', en: 'Contract terms', provisional: true },
  { code: 'CP05', zh: '消费者资金安全', en: "Security of the consumer's funds", provisional: true },
  { code: 'CP06', zh: '消费者信息安全', en: "Security of the consumer's information", provisional: true },
  { code: 'CP07', zh: '债务催收方式和手段', en: 'Debt collection methods', provisional: true },
  { code: 'C99', zh: '其他', en: 'Other', other: true },
]
