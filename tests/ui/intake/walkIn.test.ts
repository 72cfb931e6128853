import { afterEach, describe, expect, it, vi } from 'vitest'
import { newId } from '@/domain'
import { ComplaintDb, complaintState } from '@/db'
import IntakeForm from '@/ui/intake/IntakeForm.vue'
import { readWalkIn, recordWalkInStep, startWalkIn } from '@/ui/script/walkIns'
import { mountWithApp } from '../../support/mountWithApp'

afterEach(() => {
  document.body.innerHTML = ''
})

const value = (w: { find: (s: string) => { element: Element } }, id: string) =>
  (w.find(`[data-testid="${id}"]`).element as HTMLInputElement).value

describe('the customer is here: the script first, the intake after', () => {
  it('keeps the steps of a script begun with only a name, checked as the write path would check them', async () => {
    const db = new ComplaintDb(`ui-${newId()}`)
    const id = await startWalkIn(db, ' 王芳 ')
    expect(
      (
        await recordWalkInStep(db, id, [
          { type: 'script.stepDone', payload: { step: 'calm', checked: [], notes: '排队一个多小时' } },
        ])
      ).ok,
    ).toBe(true)
    const refused = await recordWalkInStep(db, id, [
      { type: 'script.moodRecorded', payload: { phase: 'start', mood: 99 } },
    ])
    expect(refused.ok).toBe(false)
    const w = await readWalkIn(db, id)
    expect(w).toMatchObject({ name: '王芳', steps: [{ type: 'script.stepDone' }] })
    await db.delete()
  })

  it('fills the form from the notes for the manager to confirm, and records the complaint with the script’s steps', async () => {
    const db = new ComplaintDb(`ui-${newId()}`)
    const id = await startWalkIn(db, '王芳', new Date(Date.now() - 20 * 60_000))
    await recordWalkInStep(db, id, [{ type: 'script.moodRecorded', payload: { phase: 'start', mood: 2 } }])
    await recordWalkInStep(db, id, [
      {
        type: 'script.stepDone',
        payload: { step: 'calm', checked: ['letThemTalk'], notes: '挂失排队一个多小时\n无人解释' },
      },
    ])
    await recordWalkInStep(db, id, [
      { type: 'script.stepDone', payload: { step: 'gather', checked: [], realDemand: '希望道歉并改进窗口安排' } },
    ])

    const { wrapper, router } = await mountWithApp(IntakeForm, { path: `/complaints/new?walkIn=${id}`, db })
    await vi.waitFor(() => expect(value(wrapper, 'field-name')).toBe('王芳'))
    expect(value(wrapper, 'field-description')).toBe('挂失排队一个多小时\n无人解释')
    expect(value(wrapper, 'field-demand')).toBe('希望道歉并改进窗口安排')
    expect(wrapper.find('[data-testid="walk-in-filled"]').exists()).toBe(true)

    // The manager confirms, and corrects what the notes got wrong.
    await wrapper.find('[data-testid="field-description"]').setValue('挂失排队一个多小时，无人解释原因')
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(async () => expect(await db.complaints.count()).toBe(1), { timeout: 5000 })
    const [row] = await db.complaints.toArray()
    const state = (await complaintState(db, row!.id))!
    expect(state.description).toBe('挂失排队一个多小时，无人解释原因')
    expect(state.script.steps.calm?.status).toBe('done')
    expect(state.script.moodStart).toBe(2)
    expect(state.script.realDemand).toBe('希望道歉并改进窗口安排')
    expect(await db.outbox.count()).toBe(4)
    // The walk-in is gone once recorded: nothing to record twice.
    await vi.waitFor(async () => expect(await readWalkIn(db, id)).toBeUndefined())
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe(`/complaints/${row!.id}`), { timeout: 5000 })
    await db.delete()
  })
})
