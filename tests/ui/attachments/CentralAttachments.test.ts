import { afterEach, describe, expect, it, vi } from 'vitest'
import { fold, newId } from '@/domain'
import CentralComplaintPage from '@/ui/desk/CentralComplaintPage.vue'
import { eventFactory, RECORDED } from '../../support/eventFactory'
import { mountWithApp } from '../../support/mountWithApp'

/** The desk's copy of a complaint: its attachments fetched from the centre with the supervisor's own session. */

const TOKEN = 'session-token-000000000000'
const SHA = 'a'.repeat(64)

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
  sessionStorage.clear()
  document.body.innerHTML = ''
})

describe('attachments at the desk', () => {
  it('shows the photos the centre holds, fetched with the supervisor’s token, and lists them on the record', async () => {
    sessionStorage.setItem(
      'complaint-desk.central',
      JSON.stringify({
        token: TOKEN,
        expiresAt: '2099-01-01T00:00:00Z',
        staff: { id: 'zhao', name: '赵敏', role: 'supervisor', branchId: 'b1' },
      }),
    )
    const f = eventFactory()
    const photoId = newId()
    const state = fold([
      f.make({ type: 'complaint.recorded', payload: RECORDED }),
      f.make({
        type: 'attachment.added',
        payload: {
          attachmentId: photoId,
          contentType: 'image/jpeg',
          byteSize: 412_000,
          sha256: SHA,
          caption: '客户提供的转账凭条',
        },
      }),
      f.make({
        type: 'attachment.added',
        payload: {
          attachmentId: newId(),
          contentType: 'application/pdf',
          byteSize: 9000,
          sha256: SHA,
          fileName: '流水.pdf',
        },
      }),
    ])!
    const fetch = vi.fn(async (url: string) =>
      url.startsWith('/api/attachments/')
        ? new Response(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), {
            status: 200,
            headers: { 'content-type': 'image/jpeg' },
          })
        : new Response(JSON.stringify({ complaint: state, clocks: { clocks: [] } }), { status: 200 }),
    )
    vi.stubGlobal('fetch', fetch)
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:desk/1')
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined)

    const { wrapper } = await mountWithApp(CentralComplaintPage, {
      props: { id: state.id },
      path: `/desk/complaints/${state.id}`,
    })
    await vi.waitFor(() => expect(wrapper.find('[data-testid="desk-attachments"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="desk-attachments"] h2').text()).toBe('附件（2）')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="attachment-thumb"]').exists()).toBe(true))
    const call = fetch.mock.calls.find(([url]) => url === `/api/attachments/${photoId}`) as unknown as [
      string,
      RequestInit,
    ]
    expect(new Headers(call[1].headers).get('authorization')).toBe(`Bearer ${TOKEN}`)
    // The PDF waits until it is asked for; the record lists both.
    expect(fetch.mock.calls.filter(([url]) => url.startsWith('/api/attachments/'))).toHaveLength(1)
    expect(wrapper.findAll('[data-testid="print-attachment"]')).toHaveLength(2)
    expect(wrapper.get('[data-testid="print-attachment"]').text()).toContain('客户提供的转账凭条')
  })
})
