/**
 * Seeded, deterministic bench data: a branch's complaints and their events, as a tablet would hold them after
 * years of use. Shared by the browser harness (which stores them) and the runner (which loads the same kind of
 * events into the central endpoint for the cold pull). Pure TypeScript: runs in the page and in Node.
 */
import { encodeHlc, EVENT_SCHEMA_VERSION } from '../../src/domain'
import type { ComplaintEvent } from '../../src/domain'

/** mulberry32: small, fast, good enough to make realistic-looking data repeatable. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const hex = (rng: () => number, n: number) => {
  let s = ''
  for (let i = 0; i < n; i++) s += Math.floor(rng() * 16).toString(16)
  return s
}

/** A UUID (version 4 layout) from the seeded generator. */
export function seededUuid(rng: () => number): string {
  return `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-${'89ab'[Math.floor(rng() * 4)]}${hex(rng, 3)}-${hex(rng, 12)}`
}

export const pick = <T>(rng: () => number, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!

export const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
] as const
const GIVEN = [
  '芳',
  '伟',
  '娜',
  '敏',
  '静',
  '强',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '建国',
  '海燕',
  '志强',
  '丽华',
  '晓东',
]
const DESCRIPTIONS = [
  '办理定期存款转存，取号后等候一个半小时，只有两个窗口开放。',
  '信用卡年费在未告知的情况下被扣收，要求说明收费依据。',
  '大堂等候区座位太少，老人站着等很累。',
  '手机银行转账失败但账户已扣款，三天未退回。',
  '柜员办理业务时态度冷淡，多次催促客户签字。',
  '理财产品到期收益低于销售时的说法，认为存在误导。',
  'ATM 吞卡后无人处理，等候四十分钟。',
  '贷款提前还款被收取违约金，事先未被告知。',
  '短信通知频繁推销保险产品，要求停止。',
  '网点无障碍通道被占用，轮椅无法进入。',
]
const DEMANDS = ['希望银行道歉并改进', '退还相关费用', '给出书面说明', '尽快处理并回电', '']
const CATEGORIES = ['counter', 'fees', 'facilities', 'digital', 'wealth', 'loans'] as const
const CHANNELS = ['inPerson', 'phone', 'letter', 'other'] as const

export interface DataOptions {
  branchId: string
  deviceId: string
  staffId: string
  staffName: string
  /** The newest complaint is received just before this instant (ms). */
  now: number
  /** How far back the oldest complaint was received (ms). */
  spanMs?: number
}

const DAY = 86_400_000

/**
 * Complaint `i` of `n` (0 = oldest) and its events. Older complaints are closed (a few with a follow-up still
 * due, some with a note); the last month's are open: new, or acknowledged — so the book's "needs action" and
 * status filters see what a real branch would.
 */
export function complaintWithEvents(rng: () => number, i: number, n: number, o: DataOptions): ComplaintEvent[] {
  const span = o.spanMs ?? 730 * DAY
  const received = o.now - span + Math.floor(((i + rng() * 0.9) / n) * span)
  const complaintId = seededUuid(rng)
  const actor = { staffId: o.staffId, staffName: o.staffName, deviceId: o.deviceId }
  let wall = received
  const events: ComplaintEvent[] = []
  const add = (type: string, payload: Record<string, unknown>) => {
    events.push({
      id: seededUuid(rng),
      complaintId,
      branchId: o.branchId,
      v: EVENT_SCHEMA_VERSION,
      hlc: encodeHlc({ wall, counter: 0, node: o.deviceId }),
      actor,
      type,
      payload,
    } as ComplaintEvent)
    wall += Math.floor(1 + rng() * 6 * 3_600_000)
  }
  const phone = `1${pick(rng, ['3', '5', '8'])}${Math.floor(rng() * 1e9)
    .toString()
    .padStart(9, '0')}`
  add('complaint.recorded', {
    customer: {
      name: pick(rng, SURNAMES) + pick(rng, GIVEN),
      phone,
      consentSms: rng() < 0.7,
      consentPhone: rng() < 0.8,
    },
    channel: pick(rng, CHANNELS),
    kind: rng() < 0.85 ? 'complaint' : 'suggestion',
    category: pick(rng, CATEGORIES),
    description: `${pick(rng, DESCRIPTIONS)}（第 ${i} 号）`,
    demand: pick(rng, DEMANDS) || undefined,
    customerPresent: rng() < 0.6,
    receivedAt: new Date(received).toISOString(),
  })
  const age = o.now - received
  if (age > 30 * DAY) {
    if (rng() < 0.1) add('note.added', { text: '已联系相关部门核实情况。' })
    add('complaint.closed', { note: '客户已接受处理结果' })
    if (rng() < 0.01) add('followUp.scheduled', { dueDate: new Date(wall + 7 * DAY).toISOString().slice(0, 10) })
  } else if (rng() < 0.5) {
    add('complaint.acknowledged', { note: '已当面致歉' })
  }
  return events
}

/** Events for the central endpoint: whole complaints, oldest first, until `count` events (the last one cut). */
export function branchEvents(seed: number, count: number, o: DataOptions): ComplaintEvent[] {
  const rng = prng(seed)
  const out: ComplaintEvent[] = []
  const complaints = Math.ceil(count / 2)
  for (let i = 0; out.length < count; i++) out.push(...complaintWithEvents(rng, i, complaints, o))
  return out.slice(0, count)
}
