import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import AttachmentGallery from '@/ui/attachments/AttachmentGallery.vue'
import type { AttachmentItem, AttachmentStatus } from '@/ui/attachments/attachmentItem'
import { createTestI18n } from '../../support/testI18n'

/** The complaint page's attachments: what the manager sees of each file, wherever its bytes are. */

const by = { staffName: '王强' }
const PHOTO: AttachmentItem = {
  attachmentId: 'a-photo',
  contentType: 'image/jpeg',
  byteSize: 412_000,
  at: '2026-12-03T02:00:00.000Z',
  by,
  fileName: 'IMG_0042.jpg',
  caption: '客户提供的转账凭条',
}
const REMOTE: AttachmentItem = { ...PHOTO, attachmentId: 'a-remote', caption: '另一台平板拍的信函' }
const PDF: AttachmentItem = {
  attachmentId: 'a-pdf',
  contentType: 'application/pdf',
  byteSize: 1_300_000,
  at: '2026-12-03T02:05:00.000Z',
  by,
  fileName: '对账单.pdf',
}
const MISSING: AttachmentItem = { ...PHOTO, attachmentId: 'a-missing', caption: undefined }

const made: string[] = []
const revoked: string[] = []
vi.spyOn(URL, 'createObjectURL').mockImplementation(() => {
  const url = `blob:test/${made.length}`
  made.push(url)
  return url
})
vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => void revoked.push(url))

afterEach(() => {
  made.length = 0
  revoked.length = 0
  document.body.innerHTML = ''
})

function open(options: {
  statuses?: Record<string, AttachmentStatus>
  online?: boolean
  attachments?: AttachmentItem[]
}) {
  const load = vi.fn(async (id: string) =>
    id === 'a-missing' ? null : new Blob(['<html>'], { type: id === 'a-pdf' ? 'text/html' : 'image/svg+xml' }),
  )
  const wrapper = mount(AttachmentGallery, {
    props: {
      attachments: options.attachments ?? [PHOTO, REMOTE, PDF, MISSING],
      load,
      statuses: options.statuses,
      online: options.online ?? true,
    },
    attachTo: document.body,
    global: { plugins: [createTestI18n('zh-CN')] },
  })
  const item = (id: string) => wrapper.get(`[data-testid="attachment"][data-id="${id}"]`)
  return { wrapper, load, item }
}

const TABLET: Record<string, AttachmentStatus> = {
  'a-photo': 'local-only',
  'a-remote': 'remote',
  'a-pdf': 'uploaded',
  'a-missing': 'missing',
}

describe('the attachments on a tablet', () => {
  it('shows the photos it holds as thumbnails, and says where each file is', async () => {
    const { item, load } = open({ statuses: TABLET, online: false })
    await vi.waitFor(() => expect(item('a-photo').find('[data-testid="attachment-thumb"]').exists()).toBe(true))
    expect(item('a-photo').get('[data-testid="attachment-status"]').text()).toBe('待上传')
    expect(item('a-photo').get('[data-testid="attachment-caption"]').text()).toBe('客户提供的转账凭条')
    expect(item('a-pdf').get('[data-testid="attachment-status"]').text()).toBe('已上传')
    expect(item('a-remote').get('[data-testid="attachment-status"]').text()).toBe('在中心')
    // Offline, a file kept at the centre is not fetched: the page says it will show once online.
    expect(item('a-remote').get('[data-testid="attachment-unavailable"]').text()).toBe('保存在中心，联网后即可查看')
    expect(item('a-missing').get('[data-testid="attachment-unavailable"]').text()).toBe(
      '本平板上没有这份文件，中心也未收到',
    )
    // Nothing is fetched from the centre offline; what the tablet may hold is read from it (a refused file is still here).
    expect(load.mock.calls.map(([id]) => id).sort()).toEqual(['a-missing', 'a-pdf', 'a-photo'])
  })

  it('still shows a file the centre refused, held on this tablet, and says the centre does not have it', async () => {
    const { item } = open({ statuses: { ...TABLET, 'a-photo': 'missing' }, online: true })
    await vi.waitFor(() => expect(item('a-photo').find('[data-testid="attachment-thumb"]').exists()).toBe(true))
    expect(item('a-photo').get('[data-testid="attachment-status"]').text()).toBe('中心未收到')
    expect(item('a-photo').find('[data-testid="attachment-unavailable"]').exists()).toBe(false)
  })

  it('fetches a file kept at the centre when it is tapped online, and shows it full size', async () => {
    const { wrapper, item, load } = open({ statuses: TABLET, online: true })
    await item('a-remote').get('[data-testid="attachment-view"]').trigger('click')
    expect(load).toHaveBeenCalledWith('a-remote')
    await vi.waitFor(() => expect(document.querySelector('[data-testid="attachment-full"]')).not.toBeNull())
    expect(document.body.textContent).toContain('另一台平板拍的信函')
    wrapper.unmount()
  })

  it('offers a PDF to open or download, never shown in the page, and typed as the event says', async () => {
    const { item, load } = open({ statuses: TABLET })
    await vi.waitFor(() => expect(item('a-pdf').find('[data-testid="attachment-open"]').exists()).toBe(true))
    expect(item('a-pdf').find('img').exists()).toBe(false)
    expect(item('a-pdf').find('iframe, object, embed').exists()).toBe(false)
    expect(item('a-pdf').text()).toContain('下载')
    // The server said text/html: the bytes are still shown as the PDF the event recorded.
    const pdfBlob = (URL.createObjectURL as unknown as { mock: { calls: [Blob][] } }).mock.calls
      .map(([b]) => b)
      .find((b) => b.type.includes('pdf') || b.type.includes('html'))
    expect(pdfBlob?.type).toBe('application/pdf')
    expect(load).toHaveBeenCalledWith('a-pdf')
  })

  it('revokes every object URL it made when the page goes', async () => {
    const { wrapper, item } = open({ statuses: TABLET })
    await vi.waitFor(() => expect(item('a-photo').find('[data-testid="attachment-thumb"]').exists()).toBe(true))
    await flushPromises()
    expect(made.length).toBeGreaterThan(0)
    wrapper.unmount()
    expect([...revoked].sort()).toEqual([...made].sort())
  })

  it('says there are none yet', () => {
    const { wrapper } = open({ statuses: {}, attachments: [] })
    expect(wrapper.get('[data-testid="attachments-empty"]').text()).toContain('暂无附件')
  })
})

describe('the attachments at the desk', () => {
  it('loads the photos from the centre and shows no tablet status', async () => {
    const { item, load } = open({ attachments: [PHOTO, PDF] })
    await vi.waitFor(() => expect(item('a-photo').find('[data-testid="attachment-thumb"]').exists()).toBe(true))
    expect(item('a-photo').find('[data-testid="attachment-status"]').exists()).toBe(false)
    // A PDF is fetched only when asked for.
    expect(load.mock.calls.map(([id]) => id)).toEqual(['a-photo'])
    await item('a-pdf').get('[data-testid="attachment-fetch"]').trigger('click')
    await vi.waitFor(() => expect(item('a-pdf').find('[data-testid="attachment-open"]').exists()).toBe(true))
  })
})
