import { describe, expect, it } from 'vitest'
import EventTimeline from '@/ui/complaint/timeline/EventTimeline.vue'
import { eventFactory, RECORDED } from '../../../support/eventFactory'
import { mountWithApp } from '../../../support/mountWithApp'

describe('EventTimeline', () => {
  it('shows who did what and when, and marks an event the server refused with its reason', async () => {
    const f = eventFactory()
    const recorded = f.make({ type: 'complaint.recorded', payload: RECORDED })
    const note = f.make({ type: 'note.added', payload: { text: '客户已离开' } })
    const { wrapper } = await mountWithApp(EventTimeline, {
      props: { events: [recorded, note], refused: { [note.id]: 'The staff member is not known in this branch' } },
    })
    const items = wrapper.findAll('[data-testid="timeline-event"]')
    expect(items.map((i) => i.attributes('data-type'))).toEqual(['complaint.recorded', 'note.added'])
    expect(items[0]!.text()).toContain('李经理')
    expect(items[1]!.text()).toContain('客户已离开')
    expect(items[1]!.get('[data-testid="event-refused"]').text()).toContain(
      'The staff member is not known in this branch',
    )
    expect(items[0]!.find('[data-testid="event-refused"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
