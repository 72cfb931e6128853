import type { UploadState } from '@/domain/api/attachmentApi'
import type { ComplaintHistoryResponse, PullResponse, PushRequest, PushResponse, TabletReport } from '@/domain'

/** How the engine reaches the central endpoint; tests give it a faulty in-memory one. */
export interface SyncTransport {
  push(request: PushRequest): Promise<PushResponse>
  /** `report`: what the tablet tells the centre about itself (unsent events, app version) for the administrator's list. */
  pull(after: number, limit: number, report?: TabletReport): Promise<PullResponse>
  /** A complaint's whole history, for one this tablet removed (retention) and pulled a new event of; 404 if not the branch's. */
  history?(complaintId: string): Promise<ComplaintHistoryResponse>
  /** Revoked with a wipe: the tablet pushed what it could and is erasing itself (`undelivered`: what it could not). */
  wiped?(undelivered: number): Promise<void>
  /** How many bytes of an attachment the centre holds (404 until its event is stored). */
  attachmentState?(attachmentId: string): Promise<UploadState>
  /** One chunk of an attachment's bytes, in order (see uploadAttachments). */
  putAttachmentChunk?(attachmentId: string, index: number, bytes: Uint8Array): Promise<UploadState>
  /** An attachment's bytes, as the centre holds them (another tablet's photo). */
  getAttachment?(attachmentId: string): Promise<Uint8Array>
}

/** The server answered, and the answer means something for the tablet (not a network blip): the one client's error. */
export { ApiError as SyncHttpError } from '@/http/apiClient'
