export { ComplaintDb } from './ComplaintDb'
export { AlreadySaved, commit, CommandRejected } from './commit'
export type { CommitOptions } from './commit'
export type { CommitDraft, CommitResult } from './commit'
export { applyRemote, reprojectOpen } from './applyRemote'
export { loadClockContext } from './clockContext'
export { loadIdentity } from './meta'
export type { LocalIdentity } from './meta'
export { project } from './project'
export { classifyStorageError } from './storageErrors'
export type { StorageProblem } from './storageErrors'
export { checkStorage, LOW_STORAGE_BYTES } from './storageHealth'
export type { StorageHealth } from './storageHealth'
export * from './schema'
export { bookPage, complaintEvents, complaintsByPhone, complaintState, needsAction, searchComplaints } from './queries'
export { searchTerms } from './searchTerms'
export type { BookCursor, BookQuery } from './queries'
export { localDeskQueue } from './deskQueue'
export {
  addAttachment,
  attachmentBytes,
  attachmentStatus,
  noteRejected,
  noteUploaded,
  pendingFetches,
  pendingUploads,
  readAttachment,
  sha256Hex,
  storeFetched,
} from './attachments'
export type { AttachmentInput, AttachmentStatus } from './attachments'
