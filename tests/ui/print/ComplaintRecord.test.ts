import { afterEach, describe, expect, it } from 'vitest'
import { fold } from '@/domain'
import type { EventDraft } from '@/domain'
import ComplaintRecord from '@/ui/print/ComplaintRecord.vue'
import { eventFactory, RECORDED } from '../../support/eventFactory'
import { mountWithApp } from '../../support/mountWithApp'

afterEach(() => {
  document.body.innerHTML = ''
})

function record(...drafts: EventDraft[]) {
  const f = eventFactory()
  return fold([
    f.make({ type: 'complaint.recorded', payload: { ...RECORDED, recordingRef: 'LY-20260302-017' } }),
    ...drafts.map((d) => f.make(d)),
  ])!
}

const CORRECTED: EventDraft = {
  type: 'field.corrected',
  payload: { field: 'receivedAt', value: '2026-03-02T01:00:00.000Z', reason: '登记时填错了时间' },
}
const PAUSED: EventDraft = { type: 'clock.paused', payload: { reason: '等待司法鉴定' } }
const RESUMED: EventDraft = { type: 'clock.resumed', payload: {} }
const EXTENDED: EventDraft = {
  type: 'complaint.extended',
  payload: {
    reason: '需调取监控录像',
    newDueDate: '2026-03-25',
    noticeChannel: 'sms',
    noticeAt: '2026-03-02T03:00:00.000Z',
  },
}

describe('the printed record', () => {
  it('marks a corrected 受理时间 and lists the correction with what it said before', async () => {
    const { wrapper } = await mountWithApp(ComplaintRecord, { props: { c: record(CORRECTED) } })
    expect(wrapper.get('[data-testid="print-received"]').text()).toBe('2026/03/02 09:00已更正')
    const rows = wrapper.findAll('[data-testid="print-correction"]')
    expect(rows).toHaveLength(1)
    const cells = rows[0]!.findAll('td').map((td) => td.text())
    expect(cells.slice(1)).toEqual(['受理时间', '2026/03/02 09:30', '2026/03/02 09:00', '登记时填错了时间', '李经理'])
  })

  it('prints the recording number, the clock’s pauses and the branch', async () => {
    const { wrapper } = await mountWithApp(ComplaintRecord, {
      props: { c: record(PAUSED, RESUMED, PAUSED), branch: '解放路支行' },
    })
    expect(wrapper.get('[data-testid="print-recording"]').text()).toBe('LY-20260302-017')
    const pauses = wrapper.findAll('[data-testid="print-pause"]').map((r) => r.text())
    expect(pauses).toHaveLength(2)
    expect(pauses[0]).toContain('等待司法鉴定')
    expect(pauses[1]).toContain('仍在暂停')
    expect(wrapper.get('[data-testid="print-branch"]').text()).toBe('网点 解放路支行')
  })

  it('keeps the extension told to the customer among the proofs of notice (告知凭证), and a follow-up’s satisfaction', async () => {
    const followUp: EventDraft = {
      type: 'followUp.done',
      payload: { channel: 'phone', content: '电话回访', satisfaction: 'partly' },
    }
    const { wrapper } = await mountWithApp(ComplaintRecord, { props: { c: record(EXTENDED, followUp) } })
    const contacts = wrapper.findAll('[data-testid="print-contact"]').map((r) => r.text())
    expect(contacts).toHaveLength(1)
    expect(contacts[0]).toContain('短信')
    expect(contacts[0]).toContain('延期告知（延至 2026-03-25）')
    expect(contacts[0]).toContain('需调取监控录像')
    expect(wrapper.get('[data-testid="print-follow-up"]').text()).toContain('基本满意')
  })
})
