import { MAX_ATTACHMENT_BYTES, sniffContentType } from '@/domain/complaint/attachments'
import type { AttachmentContentType } from '@/domain/complaint/attachments'

/** A photo's longest edge once on the tablet: sharp enough to read a slip, a few hundred KB as JPEG. */
export const MAX_EDGE_PX = 2048
export const JPEG_QUALITY = 0.82
/**
 * A file this large is not even decoded: a camera's photo is well under it, and decoding a huge image on a cheap
 * tablet can take the page down with it.
 */
export const MAX_INPUT_BYTES = 60 * 1024 * 1024
/** How many leading bytes `sniffContentType` reads. */
const HEAD_BYTES = 64

export type PrepareRefusal =
  /** Not a JPEG, PNG, WebP or PDF by its bytes, whatever its name or the browser says. */
  | 'type'
  /** Still over MAX_ATTACHMENT_BYTES (a PDF is never compressed), or too large to decode. */
  | 'tooLarge'
  /** An image whose bytes the browser cannot decode (damaged, or only named like an image). */
  | 'unreadable'

export type Prepared =
  | { ok: true; bytes: Blob; contentType: AttachmentContentType; fileName?: string }
  | { ok: false; refusal: PrepareRefusal }

/** A decoded picture, upright (EXIF orientation applied). */
export interface DecodedImage {
  width: number
  height: number
  close(): void
}

/** The browser's decoding and encoding; the unit tests give a fake one. */
export interface ImageCodec<I extends DecodedImage = DecodedImage> {
  decode(blob: Blob): Promise<I>
  encode(image: I, width: number, height: number, type: 'image/jpeg' | 'image/png', quality?: number): Promise<Blob>
}

async function head(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(0, HEAD_BYTES).arrayBuffer())
}

/** The longest edge brought to MAX_EDGE_PX at most, proportions kept, never enlarged. */
export function fitWithin(width: number, height: number, maxEdge = MAX_EDGE_PX): { width: number; height: number } {
  const scale = Math.min(1, maxEdge / Math.max(width, height))
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}

/** The file's own name with the extension of what it became (a photo re-encoded as JPEG is a .jpg). */
function renamed(name: string | undefined, type: AttachmentContentType): string | undefined {
  // A name is shown and offered on download: no path, no control characters (isSafeFileName at the write path).
  const base = name
    ?.replace(/^.*[/\\]/, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .replace(/\.[a-z0-9]{1,5}$/i, '')
  if (!base) return undefined
  const ext = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf' }[type]
  return `${base.slice(0, 100)}.${ext}`
}

/**
 * Makes a chosen file or a camera's photo ready to attach: what it is is read from its bytes (never from its name or
 * `type`); an image is decoded upright, brought within MAX_EDGE_PX and re-encoded as JPEG — which drops its EXIF,
 * GPS position included —, a PNG (a screenshot) staying PNG when that is smaller; a PDF is kept as it is. Anything
 * else, or anything still over the limit, is refused.
 */
export async function prepareAttachment<I extends DecodedImage>(
  file: Blob & { name?: string },
  codec: ImageCodec<I>,
): Promise<Prepared> {
  const sniffed = sniffContentType(await head(file))
  if (!sniffed) return { ok: false, refusal: 'type' }
  if (sniffed === 'application/pdf') {
    if (file.size > MAX_ATTACHMENT_BYTES) return { ok: false, refusal: 'tooLarge' }
    return {
      ok: true,
      bytes: file.slice(0, file.size, sniffed),
      contentType: sniffed,
      fileName: renamed(file.name, sniffed),
    }
  }
  if (file.size > MAX_INPUT_BYTES) return { ok: false, refusal: 'tooLarge' }
  let image: I
  try {
    image = await codec.decode(file)
  } catch {
    return { ok: false, refusal: 'unreadable' }
  }
  try {
    const { width, height } = fitWithin(image.width, image.height)
    let best = await codec.encode(image, width, height, 'image/jpeg', JPEG_QUALITY)
    let type: AttachmentContentType = 'image/jpeg'
    if (sniffed === 'image/png') {
      const png = await codec.encode(image, width, height, 'image/png')
      if (png.size < best.size) [best, type] = [png, 'image/png']
    }
    // What the canvas made is checked like anything else before it is stored.
    if (sniffContentType(await head(best)) !== type) return { ok: false, refusal: 'unreadable' }
    if (best.size > MAX_ATTACHMENT_BYTES) return { ok: false, refusal: 'tooLarge' }
    return { ok: true, bytes: best, contentType: type, fileName: renamed(file.name, type) }
  } catch {
    return { ok: false, refusal: 'unreadable' }
  } finally {
    image.close()
  }
}

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D

function draw(ctx: Context2D | null, image: ImageBitmap, width: number, height: number, type: string): void {
  if (!ctx) throw new Error('no 2d context')
  // JPEG has no transparency: a screenshot's transparent parts would turn black.
  if (type === 'image/jpeg') {
    ctx.fillStyle = '#fff'
    ctx.fillRect(0, 0, width, height)
  }
  ctx.imageSmoothingQuality = 'high'
  ctx.drawImage(image, 0, 0, width, height)
}

/** Chromium's, Safari's and Firefox's own decoder and canvas. */
export const browserCodec: ImageCodec<ImageBitmap> = {
  decode: (blob) => createImageBitmap(blob, { imageOrientation: 'from-image' }),
  async encode(image, width, height, type, quality) {
    if (typeof OffscreenCanvas !== 'undefined') {
      const canvas = new OffscreenCanvas(width, height)
      draw(canvas.getContext('2d'), image, width, height, type)
      return canvas.convertToBlob({ type, quality })
    }
    const canvas = Object.assign(document.createElement('canvas'), { width, height })
    draw(canvas.getContext('2d'), image, width, height, type)
    return new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encoding failed'))), type, quality),
    )
  },
}
