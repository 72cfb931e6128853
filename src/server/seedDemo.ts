import { chinaDate, encodeHlc, EVENT_SCHEMA_VERSION, newId } from '../domain'
import type { ComplaintEvent, EventDraft } from '../domain'
import { hashPassword } from './auth/passwords'
import type { Database } from './db/Database'
import { ingestEvents } from './sync/ingestEvents'

const BRANCHES = [
  ['renmin', '人民路支行', 'RM'],
  ['zhongshan', '中山路支行', 'ZS'],
] as const
const STAFF = [
  ['li', '李娜', 'manager', 'renmin'],
  ['zhang', '张伟', 'manager', 'renmin'],
  ['wang', '王强', 'manager', 'zhongshan'],
  ['zhao', '赵敏', 'supervisor', 'renmin'],
  // A head-office senior manager (总行高级管理人员): the approval past 30 days is theirs (Art. 18).
  ['qian', '钱立', 'supervisor', null],
] as const

/**
 * A demo bank for trying the product: two branches, their lobby managers, a supervisor covering both, a head-office
 * senior manager who approves extensions past 30 days, and a few
 * complaints in 人民路支行. Idempotent: running it twice changes nothing. Demo only: every account gets `password`.
 */
export async function seedDemo(db: Database, password: string): Promise<{ created: boolean }> {
  const exists = await db.query('select 1 from branches where id = $1', ['renmin'])
  if (exists.rows.length > 0) return { created: false }
  const hash = await hashPassword(password)
  for (const [id, name, code] of BRANCHES)
    await db.query('insert into branches (id, name, code) values ($1, $2, $3)', [id, name, code])
  for (const [id, name, role, branch] of STAFF) {
    await db.query(
      'insert into staff (id, username, name, role, branch_id, password_hash) values ($1, $1, $2, $3, $4, $5)',
      [id, name, role, branch, hash],
    )
  }
  await db.query(
    `insert into staff_branches (staff_id, branch_id) values ('zhao', 'zhongshan'), ('qian', 'renmin'), ('qian', 'zhongshan')`,
  )
  await db.query(`update staff set approval_level = 'superior' where id = 'qian'`)

  const actor = { staffId: 'li', staffName: '李娜', deviceId: 'seed-demo' }
  let wall = Date.now() - 3 * 86_400_000
  const events: ComplaintEvent[] = []
  const add = (complaintId: string, draft: EventDraft) => {
    wall += 37 * 60_000
    events.push({
      id: newId(),
      complaintId,
      branchId: 'renmin',
      v: EVENT_SCHEMA_VERSION,
      hlc: encodeHlc({ wall, counter: 0, node: actor.deviceId }),
      actor,
      ...draft,
    } as ComplaintEvent)
  }
  const at = (offsetHours: number) => new Date(wall + offsetHours * 3600_000).toISOString()
  const c1 = newId()
  add(c1, {
    type: 'complaint.recorded',
    payload: {
      customer: { name: '陈静', phone: '13912345678', consentSms: true, consentPhone: true },
      channel: 'inPerson',
      kind: 'complaint',
      category: 'counter',
      cause: 'waiting',
      description: '办理定期存款转存，取号后等候一个半小时，只有两个窗口开放。',
      demand: '希望高峰期多开窗口，并给个说法',
      customerPresent: true,
      receivedAt: at(0),
    },
  })
  add(c1, { type: 'complaint.acknowledged', payload: { note: '已当面致歉并安排优先办理' } })
  add(c1, { type: 'validity.judged', payload: { verdict: 'valid', reason: '当日上午两名柜员请假，未及时调配' } })
  const c2 = newId()
  add(c2, {
    type: 'complaint.recorded',
    payload: {
      customer: { name: '刘洋', phone: '010-62345678', consentSms: false, consentPhone: true },
      channel: 'phone',
      kind: 'complaint',
      category: 'fees',
      cause: 'disclosure',
      description: '信用卡年费在未告知的情况下被扣收。',
      demand: '退还年费',
      customerPresent: false,
      receivedAt: at(0),
    },
  })
  add(c1, {
    type: 'extension.requested',
    payload: {
      reason: '需调取当日排队叫号记录并与人力部门核实排班，预计超出监管时限',
      newDueDate: chinaDate(new Date(wall + 25 * 86_400_000)),
    },
  })
  add(c2, { type: 'complaint.acknowledged', payload: { note: '已电话致歉，说明将核查扣费记录' } })
  add(c2, {
    type: 'complaint.escalated',
    payload: { reason: '客户要求退还年费并书面道歉，涉及信用卡中心，需主管协调' },
  })
  const c3 = newId()
  add(c3, {
    type: 'complaint.recorded',
    payload: {
      customer: { name: '周敏', consentSms: false, consentPhone: false },
      channel: 'inPerson',
      kind: 'suggestion',
      category: 'facilities',
      description: '大堂等候区座位太少，老人站着等很累。',
      customerPresent: true,
      receivedAt: at(0),
    },
  })
  await ingestEvents(
    db,
    { deviceId: actor.deviceId, branchId: 'renmin', actors: 'branch' },
    events as unknown as Record<string, unknown>[],
  )
  return { created: true }
}
