/** The centre's answer to POST /api/settings/preview (server/settings/previewDeadlines.ts). */
export interface DeadlineMove {
  clock: string
  before: string
  after: string
  provisionalBefore: boolean
  provisionalAfter: boolean
}
export interface DeadlinePreviewResult {
  open: number
  moved: number
  complaints: {
    complaintId: string
    branchName: string
    receivedAt: string
    category: string | null
    moves: DeadlineMove[]
  }[]
}
