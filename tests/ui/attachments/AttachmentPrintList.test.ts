import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import AttachmentPrintList from '@/ui/attachments/AttachmentPrintList.vue'
import type { AttachmentItem } from '@/ui/attachments/attachmentItem'
import { createTestI18n } from '../../support/testI18n'

/** The printed record's attachments: each one listed; the photos at hand printed small. */

const by = { staffName: '王强' }
const SLIP: AttachmentItem = {
  attachmentId: 'a-slip',
  contentType: 'image/jpeg',
  byteSize: 412_000,
  at: '2026-12-03T02:00:00.000Z',
  by,
  caption: '客户提供的转账凭条',
}
const LETTER: AttachmentItem = { ...SLIP, attachmentId: 'a-letter', caption: '客户的投诉信' }
const PDF: AttachmentItem = {
  attachmentId: 'a-pdf',
  contentType: 'application/pdf',
  byteSize: 1_300_000,
  at: '2026-12-03T02:05:00.000Z',
  by,
  fileName: '流水.pdf',
}

vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:test/1')
vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined)
afterEach(() => void (document.body.innerHTML = ''))

const open = (load?: (id: string) => Promise<Blob | null>) =>
  mount(AttachmentPrintList, {
    props: { attachments: [SLIP, LETTER, PDF], load },
    attachTo: document.body,
    global: { plugins: [createTestI18n('zh-CN')] },
  })

describe('the printed record’s attachments', () => {
  it('lists each with its caption, type, size and time', () => {
    const rows = open().findAll('[data-testid="print-attachment"]')
    expect(rows.map((r) => r.findAll('td').map((td) => td.text()))).toEqual([
      ['客户提供的转账凭条', '照片', '402 KB', '2026/12/03 10:00', '王强'],
      ['客户的投诉信', '照片', '402 KB', '2026/12/03 10:00', '王强'],
      ['流水.pdf', 'PDF 文件', '1.2 MB', '2026/12/03 10:05', '王强'],
    ])
  })

  it('prints the photos the tablet holds, and says which it does not', async () => {
    const load = vi.fn(async (id: string) => (id === 'a-slip' ? new Blob(['x'], { type: 'image/jpeg' }) : null))
    const wrapper = open(load)
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="print-attachment-photo"]')).toHaveLength(1))
    const [slip, letter, pdf] = wrapper.findAll('[data-testid="print-attachment"]')
    expect(slip!.find('img').exists()).toBe(true)
    expect(letter!.text()).toContain('本平板上没有这份文件，未打印')
    // A PDF is listed, never printed into the page.
    expect(pdf!.find('img').exists()).toBe(false)
    expect(load.mock.calls.map(([id]) => id)).toEqual(['a-slip', 'a-letter'])
  })
})
