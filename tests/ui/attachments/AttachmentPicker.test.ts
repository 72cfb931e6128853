import { flushPromises } from '@vue/test-utils'
import { closeDialog } from 'vant'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { newId } from '@/domain'
import { commit, ComplaintDb } from '@/db'
import AttachmentPicker from '@/ui/attachments/AttachmentPicker.vue'
import type { DecodedImage, ImageCodec } from '@/ui/attachments/compressImage'
import { resetPersistAsked } from '@/ui/attachments/storageCheck'
import { RECORDED } from '../../support/eventFactory'
import { databaseIdle } from '../../support/databaseIdle'
import { mountWithApp } from '../../support/mountWithApp'

/** 拍照 / 选择文件: what is refused and why, in the manager's language, and what is kept. */

const MiB = 1024 * 1024
const JPEG = [0xff, 0xd8, 0xff, 0xe0]
const PDF = [...'%PDF-1.4\n'].map((c) => c.charCodeAt(0))
const bytes = (head: number[], size: number) => {
  const b = new Uint8Array(size)
  b.set(head)
  return b
}

/** A camera photo decoded and re-encoded as a 200 KB JPEG. */
const codec: ImageCodec<DecodedImage> = {
  decode: async () => ({ width: 4000, height: 3000, close: () => undefined }),
  encode: async (_i, _w, _h, type) => new Blob([bytes(JPEG, 200_000)], { type }),
}

let db: ComplaintDb | null = null
let usage = 10 * MiB
const quota = 4000 * MiB
beforeEach(() => {
  resetPersistAsked()
  usage = 10 * MiB
  Object.defineProperty(navigator, 'storage', {
    configurable: true,
    value: {
      estimate: async () => ({ usage, quota }),
      persisted: async () => false,
      persist: async () => true,
    },
  })
})
afterEach(async () => {
  closeDialog()
  await flushPromises()
  document.body.innerHTML = ''
  await db?.delete()
  db = null
})

async function open(count = 0) {
  db = new ComplaintDb(`picker-${newId()}`)
  const id = newId()
  await commit(db, id, [{ type: 'complaint.recorded', payload: RECORDED }])
  const app = await mountWithApp(AttachmentPicker, {
    db,
    props: { complaintId: id, count, codec },
    path: `/complaints/${id}`,
    user: { staffId: 'staff-li', name: '李经理' },
  })
  await flushPromises()
  return { ...app, id }
}

function choose(wrapper: Awaited<ReturnType<typeof open>>['wrapper'], file: File, input = 'attachment-file-input') {
  const el = wrapper.get(`[data-testid="${input}"]`).element as HTMLInputElement
  Object.defineProperty(el, 'files', { configurable: true, value: [file] })
  el.dispatchEvent(new Event('change'))
}

const attachments = async (id: string) =>
  (await db!.events.where('complaintId').equals(id).toArray()).filter((e) => e.type === 'attachment.added')

// The first mount imports the app's routes and opens a fresh IndexedDB: slow on a loaded two-core machine.
describe('the attachment picker', { timeout: 30_000 }, () => {
  it('says the limits: 30 files, 5 MB each after compression', async () => {
    const { wrapper } = await open()
    expect(wrapper.get('[data-testid="attachment-hint"]').text()).toBe(
      '每条投诉最多 30 个附件，每个不超过 5 MB（照片自动压缩）；可添加照片（JPG、PNG、WebP）或 PDF。',
    )
    const camera = wrapper.get('[data-testid="attachment-camera-input"]')
    expect(camera.attributes('accept')).toBe('image/*')
    expect(camera.attributes('capture')).toBe('environment')
    expect(wrapper.get('[data-testid="attachment-file-input"]').attributes('accept')).toBe(
      'image/jpeg,image/png,image/webp,application/pdf',
    )
  })

  it('refuses an SVG renamed .png, by its bytes, and keeps nothing', async () => {
    const { wrapper, id } = await open()
    const svg = new File(['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'], '凭条.png', {
      type: 'image/png',
    })
    choose(wrapper, svg)
    await vi.waitFor(() =>
      expect(wrapper.get('[data-testid="attachment-error"]').text()).toContain('只能添加照片（JPG、PNG、WebP）或 PDF'),
    )
    await databaseIdle(db!)
    expect(await attachments(id)).toEqual([])
  })

  it('refuses a PDF over 5 MB, saying the limit, in English too', async () => {
    db = new ComplaintDb(`picker-${newId()}`)
    const id = newId()
    await commit(db, id, [{ type: 'complaint.recorded', payload: RECORDED }])
    const { wrapper } = await mountWithApp(AttachmentPicker, {
      db,
      locale: 'en',
      props: { complaintId: id, count: 0, codec },
    })
    choose(wrapper, new File([bytes(PDF, 6 * MiB)], 'statement.pdf', { type: 'application/pdf' }))
    await vi.waitFor(() =>
      expect(wrapper.get('[data-testid="attachment-error"]').text()).toBe(
        'Too large: still over 5 MB after compression. Take the photo closer up; split a PDF and attach the parts.',
      ),
    )
  })

  it('takes no more past 30 attachments', async () => {
    const { wrapper } = await open(30)
    expect(wrapper.get('[data-testid="attachment-take-photo"]').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid="attachment-hint"]').text()).toBe('这条投诉已有 30 个附件，不能再添加。')
  })

  it('warns a tablet short of storage before the camera opens, with what to do', async () => {
    usage = quota - 20 * MiB
    const { wrapper } = await open()
    await vi.waitFor(() => expect(wrapper.find('[data-testid="attachment-room"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="attachment-room"]').text()).toContain('请先联网同步')
    expect(wrapper.get('[data-testid="attachment-room"]').text()).toContain('90 天')
    const camera = wrapper.get('[data-testid="attachment-camera-input"]').element as HTMLInputElement
    const opened = vi.spyOn(camera, 'click').mockImplementation(() => undefined)
    await wrapper.get('[data-testid="attachment-take-photo"]').trigger('click')
    await flushPromises()
    expect(opened).not.toHaveBeenCalled()
    expect(document.querySelector('.van-dialog')?.textContent).toContain('平板存储空间不足')
    ;(document.querySelector('.van-dialog__confirm') as HTMLButtonElement).click()
    await vi.waitFor(() => expect(opened).toHaveBeenCalledTimes(1))
  })

  it('opens the camera at once when there is room', async () => {
    const { wrapper } = await open()
    await flushPromises()
    const camera = wrapper.get('[data-testid="attachment-camera-input"]').element as HTMLInputElement
    const opened = vi.spyOn(camera, 'click').mockImplementation(() => undefined)
    await wrapper.get('[data-testid="attachment-take-photo"]').trigger('click')
    expect(opened).toHaveBeenCalledTimes(1)
  })

  it('keeps a photo, compressed, with its caption, as one event', async () => {
    const { wrapper, id } = await open()
    await wrapper.get('[data-testid="attachment-caption-input"]').setValue('客户提供的转账凭条')
    choose(wrapper, new File([bytes(JPEG, 3 * MiB)], 'IMG_0042.JPG', { type: 'image/jpeg' }), 'attachment-camera-input')
    await vi.waitFor(async () => expect(await attachments(id)).toHaveLength(1))
    const [e] = await attachments(id)
    expect(e!.payload).toMatchObject({
      contentType: 'image/jpeg',
      byteSize: 200_000,
      fileName: 'IMG_0042.jpg',
      caption: '客户提供的转账凭条',
    })
    await vi.waitFor(() =>
      expect((wrapper.get('[data-testid="attachment-caption-input"]').element as HTMLInputElement).value).toBe(''),
    )
    expect(wrapper.find('[data-testid="attachment-error"]').exists()).toBe(false)
  })

  it('keeps a second file chosen the moment the first is saved (a file chosen is no double tap)', async () => {
    const { wrapper, id } = await open()
    choose(wrapper, new File([bytes(JPEG, 3 * MiB)], 'IMG_0042.JPG', { type: 'image/jpeg' }), 'attachment-camera-input')
    await vi.waitFor(async () => expect(await attachments(id)).toHaveLength(1))
    await vi.waitFor(() => expect(wrapper.find('[data-testid="attachment-progress"]').exists()).toBe(false))
    const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n')
    choose(wrapper, new File([pdf], '流水.pdf', { type: 'application/pdf' }))
    await vi.waitFor(async () => expect(await attachments(id)).toHaveLength(2))
    expect((await attachments(id)).map((e) => e.payload.fileName)).toEqual(['IMG_0042.jpg', '流水.pdf'])
  })
})
