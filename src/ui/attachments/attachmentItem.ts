/** What the gallery and the printed record need of an attachment (the fold's `state.attachments` entry). */
export interface AttachmentItem {
  attachmentId: string
  contentType: string
  byteSize: number
  at: string
  by: { staffName: string }
  fileName?: string
  caption?: string
}

/** Where an attachment's bytes are, as `attachmentStatus` (src/db/attachments.ts) says. */
export type AttachmentStatus = 'local-only' | 'uploaded' | 'remote' | 'missing'

export const isImage = (a: Pick<AttachmentItem, 'contentType'>): boolean => a.contentType.startsWith('image/')

/** 820 KB, 1.4 MB: a size a lobby manager reads at a glance. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

/**
 * The bytes as the type the event states, whatever the server's header said: a file is only ever shown as one of the
 * four types its bytes were checked to be, never as HTML or SVG.
 */
export const typedAs = (blob: Blob, contentType: string): Blob =>
  blob.type === contentType ? blob : new Blob([blob], { type: contentType })
