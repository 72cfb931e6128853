import { describe, expect, it } from 'vitest'
import { MAX_ATTACHMENT_BYTES } from '@/domain/complaint/attachments'
import { fitWithin, JPEG_QUALITY, MAX_EDGE_PX, prepareAttachment } from '@/ui/attachments/compressImage'
import type { DecodedImage, ImageCodec } from '@/ui/attachments/compressImage'

/** Preparing a file to attach, with a stand-in for the browser's decoder and canvas (the real one runs in e2e). */

const JPEG = [0xff, 0xd8, 0xff, 0xe0]
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const PDF = [...'%PDF-1.7\n'].map((c) => c.charCodeAt(0))
const WEBP = [...'RIFF\0\0\0\0WEBPVP8 '].map((c) => c.charCodeAt(0))

const file = (head: number[], size: number, name = 'x', type = '') =>
  Object.assign(new Blob([new Uint8Array(head), new Uint8Array(Math.max(0, size - head.length))], { type }), { name })

interface Encoded {
  type: string
  width: number
  height: number
  quality?: number
}

function fakeCodec(
  image: { width: number; height: number } | Error,
  sizes: { jpeg: number; png: number } = { jpeg: 300_000, png: 900_000 },
) {
  const encoded: Encoded[] = []
  let closed = 0
  const codec: ImageCodec<DecodedImage> = {
    async decode() {
      if (image instanceof Error) throw image
      return { ...image, close: () => void closed++ }
    },
    async encode(_img, width, height, type, quality) {
      encoded.push({ type, width, height, quality })
      return type === 'image/png' ? file(PNG, sizes.png, '', type) : file(JPEG, sizes.jpeg, '', type)
    },
  }
  return { codec, encoded, closed: () => closed }
}

describe('a photo', () => {
  it('is brought within 2048 px on its longest edge and re-encoded as JPEG (dropping its EXIF and GPS)', async () => {
    const { codec, encoded, closed } = fakeCodec({ width: 4032, height: 3024 })
    const r = await prepareAttachment(file(JPEG, 4_000_000, 'IMG_0042.JPG'), codec)
    expect(r).toMatchObject({ ok: true, contentType: 'image/jpeg', fileName: 'IMG_0042.jpg' })
    expect(encoded).toEqual([{ type: 'image/jpeg', width: 2048, height: 1536, quality: JPEG_QUALITY }])
    expect(closed()).toBe(1)
  })

  it('is never enlarged', () => {
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 })
    expect(fitWithin(1000, 5000)).toEqual({ width: 410, height: MAX_EDGE_PX })
  })

  it('a WebP becomes JPEG too', async () => {
    const { codec } = fakeCodec({ width: 1000, height: 800 })
    expect(await prepareAttachment(file(WEBP, 200_000, 'shot.webp'), codec)).toMatchObject({
      ok: true,
      contentType: 'image/jpeg',
      fileName: 'shot.jpg',
    })
  })

  it('a PNG screenshot stays PNG when that is smaller, and becomes JPEG when not', async () => {
    const small = fakeCodec({ width: 1170, height: 2532 }, { jpeg: 400_000, png: 150_000 })
    expect(await prepareAttachment(file(PNG, 300_000, 'Screenshot.png'), small.codec)).toMatchObject({
      ok: true,
      contentType: 'image/png',
      fileName: 'Screenshot.png',
    })
    const photo = fakeCodec({ width: 1170, height: 2532 }, { jpeg: 400_000, png: 2_000_000 })
    expect(await prepareAttachment(file(PNG, 3_000_000, 'photo.png'), photo.codec)).toMatchObject({
      ok: true,
      contentType: 'image/jpeg',
    })
  })

  it('still over 5 MB after compression is refused', async () => {
    const { codec } = fakeCodec({ width: 2048, height: 2048 }, { jpeg: MAX_ATTACHMENT_BYTES + 1, png: 9e6 })
    expect(await prepareAttachment(file(JPEG, 8_000_000), codec)).toEqual({ ok: false, refusal: 'tooLarge' })
  })

  it('whose bytes cannot be decoded is refused as unreadable', async () => {
    const { codec } = fakeCodec(new Error('The source image could not be decoded.'))
    expect(await prepareAttachment(file(JPEG, 1000, 'broken.jpg', 'image/jpeg'), codec)).toEqual({
      ok: false,
      refusal: 'unreadable',
    })
  })
})

describe('a PDF', () => {
  it('is kept as it is', async () => {
    const { codec, encoded } = fakeCodec({ width: 1, height: 1 })
    const pdf = file(PDF, 700_000, '对账单.pdf')
    const r = await prepareAttachment(pdf, codec)
    expect(r).toMatchObject({ ok: true, contentType: 'application/pdf', fileName: '对账单.pdf' })
    expect(r.ok && r.bytes.size).toBe(700_000)
    expect(encoded).toEqual([])
  })

  it('over 5 MB is refused (it is not compressed)', async () => {
    const { codec } = fakeCodec({ width: 1, height: 1 })
    expect(await prepareAttachment(file(PDF, MAX_ATTACHMENT_BYTES + 1), codec)).toEqual({
      ok: false,
      refusal: 'tooLarge',
    })
  })
})

describe('anything else', () => {
  it.each([
    ['an SVG named .png, typed image/png', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
    ['an HTML page named .jpg', '<!doctype html><script>alert(1)</script>'],
    ['a GIF', 'GIF89a\u0001\u0000'],
    ['a text file', 'hello'],
  ])('is refused by its bytes, whatever its name and type: %s', async (_, text) => {
    const { codec, encoded } = fakeCodec({ width: 10, height: 10 })
    const f = Object.assign(new Blob([text], { type: 'image/png' }), { name: 'slip.png' })
    expect(await prepareAttachment(f, codec)).toEqual({ ok: false, refusal: 'type' })
    expect(encoded).toEqual([])
  })

  it('a name with a path keeps only its last part', async () => {
    const { codec } = fakeCodec({ width: 10, height: 10 })
    expect(await prepareAttachment(file(PDF, 100, '..\\..\\evil/slip.pdf'), codec)).toMatchObject({
      fileName: 'slip.pdf',
    })
  })
})
