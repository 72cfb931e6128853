import { afterEach, describe, expect, it, vi } from 'vitest'
import { CENTRE_ACTOR, centreHlc, fold, newId, parseEvent } from '@/domain'
import type { ComplaintEvent, EventDraft } from '@/domain'
import { commit, ComplaintDb } from '@/db'
import ProcessPanel from '@/ui/process/ProcessPanel.vue'
import { RECORDED } from '../../support/eventFactory'
import { mountWithApp } from '../../support/mountWithApp'
import { choose, cleanUp, field, NOTICE, open, PLAN, q, qa, save, setup, tap, VALID } from './processHarness'

afterEach(cleanUp)

const PHONE = RECORDED.customer.phone!

describe('SMS through the centre, on the tablet', () => {
  it('with the bank’s gateway, records the contact with a request for the centre to send it, and offers no sms: link', async () => {
    const { db, events, written } = await setup([VALID, PLAN])
    await db.meta.put({ key: 'smsGateway', value: true })
    await open('customer.contacted')
    await choose('channel', 'sms')
    await tap('sms-template-progress')
    await vi.waitFor(() => expect(q('[data-testid="sms-via-centre"]')).not.toBeNull())
    expect(q('[data-testid="sms-via-centre"]')!.textContent).toContain(PHONE)
    expect(q('[data-testid="sms-link"]')).toBeNull()
    expect(q('[data-testid="action-submit"]')!.textContent!.trim()).toBe('发送短信并记录')
    const text = field<HTMLTextAreaElement>('content').value
    await save()
    const request = await written('sms.requested')
    const contact = (await events()).find((e) => e.type === 'customer.contacted')!
    expect(request).toEqual({ recipientPhone: PHONE, messageText: text, purpose: 'contact', aboutEventId: contact.id })
  })

  it('without a gateway, keeps the sms: link, and the notice log says the SMS was only declared sent', async () => {
    await setup([VALID, NOTICE])
    const proof = qa('[data-testid="sms-proof"]')
    expect(proof.map((p) => p.dataset.status)).toEqual(['declared'])
    expect(proof[0]!.textContent!.trim()).toBe('已声明发送，无送达凭证')
  })
})

describe('the notice log shows what the gateway answered', () => {
  /** A decision told by SMS through the centre, with the centre's answers folded in. */
  async function mounted(answers: ('accepted' | 'delivered' | 'failed')[]) {
    const db = new ComplaintDb(`sms-${newId()}`)
    const id = newId()
    const noticeId = newId()
    const drafts: (EventDraft & { id?: string })[] = [
      { type: 'complaint.recorded', payload: RECORDED },
      VALID,
      PLAN,
      { ...NOTICE, id: noticeId },
      {
        type: 'sms.requested',
        payload: { recipientPhone: PHONE, messageText: '已处理', purpose: 'decision', aboutEventId: noticeId },
      },
    ]
    const { events } = await commit(db, id, drafts, () => Date.parse('2026-03-02T03:00:00Z'))
    const request = events.at(-1)!
    const made: ComplaintEvent[] = [...events]
    for (const a of answers) {
      const payload =
        a === 'accepted'
          ? { messageId: 'GW-1' }
          : a === 'delivered'
            ? { deliveredAt: '2026-03-02T03:01:00.000Z' }
            : { reason: 'UNDELIVERED' }
      const parsed = parseEvent({
        id: newId(),
        complaintId: id,
        branchId: request.branchId,
        v: 1,
        hlc: centreHlc(
          made.map((e) => e.hlc),
          Date.parse('2026-03-02T03:01:00Z'),
        ),
        actor: CENTRE_ACTOR,
        type: `sms.${a}`,
        payload: { requestId: request.id, ...payload },
      })
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
      made.push(parsed.value)
    }
    const app = await mountWithApp(ProcessPanel, { db, props: { complaint: fold(made) } })
    return {
      unmount: async () => {
        app.wrapper.unmount()
        await db.delete()
      },
    }
  }
  const proofs = () =>
    qa('[data-testid="sms-proof"]').map((p) => ({ status: p.dataset.status, text: p.textContent!.trim() }))

  it('delivered, with the receipt’s time: the proof of notice', async () => {
    const m = await mounted(['accepted', 'delivered'])
    expect(proofs()).toEqual([{ status: 'delivered', text: expect.stringContaining('已送达') }])
    expect(q('[data-testid="next-step"]')!.dataset.action).not.toBe('decision.notified')
    await m.unmount()
  })

  it('failed: the attempt stays in the log with its reason, and the notice is asked for again', async () => {
    const m = await mounted(['accepted', 'failed'])
    expect(proofs()).toEqual([{ status: 'failed', text: '发送失败：UNDELIVERED，请重新告知' }])
    expect(q('[data-testid="next-step"]')!.dataset.action).toBe('decision.notified')
    await m.unmount()
  })
})
