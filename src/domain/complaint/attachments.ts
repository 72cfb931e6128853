/**
 * Attachments: photos and files of a complaint (slips, letters, the customer's screenshots). The event
 * `attachment.added` records what the file is (type, size, SHA-256, optional name and caption); the bytes travel apart,
 * sealed on the tablet and uploaded in chunks by the sync engine after the event (issue 20 §2). The rules here hold on
 * the tablet before it stores a file and at the centre when the last chunk arrives.
 */

/** The only types kept: photos and PDF. Never HTML, SVG or a script, which a browser would run if served inline. */
export const ATTACHMENT_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const
export type AttachmentContentType = (typeof ATTACHMENT_CONTENT_TYPES)[number]

/** Largest file kept, after the tablet's compression: a phone photo of a slip compresses to well under a megabyte. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
/** A complaint's attachments at most (removed ones do not count). */
export const MAX_ATTACHMENTS_PER_COMPLAINT = 30
/** The upload's unit: small enough for a hall's weak Wi-Fi to finish one, so an interrupted upload loses little. */
export const ATTACHMENT_CHUNK_BYTES = 256 * 1024

export const SHA256_HEX = /^[0-9a-f]{64}$/

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0) =>
  bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b)

const JPEG = [0xff, 0xd8, 0xff]
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const RIFF = [0x52, 0x49, 0x46, 0x46]
const WEBP = [0x57, 0x45, 0x42, 0x50]
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]

/**
 * The type a file really is, by its first bytes, whatever its name or declared type says; null for anything not kept
 * (HTML, SVG, scripts, archives, text). The declared type must equal this (`attachment.added` names it).
 */
export function sniffContentType(bytes: Uint8Array): AttachmentContentType | null {
  if (startsWith(bytes, JPEG)) return 'image/jpeg'
  if (startsWith(bytes, PNG)) return 'image/png'
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return 'image/webp'
  if (startsWith(bytes, PDF)) return 'application/pdf'
  return null
}

/** A name shown and offered on download: no path (a separator would name a place on the reader's disk), no control characters. */
export function isSafeFileName(name: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[/\\\u0000-\u001f\u007f]/.test(name) && name !== '.' && name !== '..'
}

/** Shown inline (a photo) or offered as a download (a PDF, which a browser's viewer may run scripts in). */
export function isInlineAttachment(type: AttachmentContentType): boolean {
  return type.startsWith('image/')
}
