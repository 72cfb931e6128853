import { defineStore } from 'pinia'
import { ref } from 'vue'
import { AlreadySaved, classifyStorageError, CommandRejected, commit } from '@/db'
import type { CommitDraft, CommitResult, StorageProblem } from '@/db'
import type { EventIssue, Refusal } from '@/domain'
import { useClockStore } from './useClockStore'
import { useDatabase } from '@/ui/services/database'
import { useStatusStore } from './useStatusStore'
import { useSyncStore } from './useSyncStore'

export type CommandOutcome =
  | { ok: true; result: CommitResult }
  | { ok: false; kind: 'invalid'; issues: EventIssue[] }
  /** This very draft was recorded before (a double tap): nothing new was written. */
  | { ok: false; kind: 'alreadySaved'; eventId: string }
  | { ok: false; kind: 'refused'; refusal: Refusal }
  | { ok: false; kind: 'storage'; problem: StorageProblem; message: string }

/** Runs the user's changes through the one write path and turns every failure into something to show. */
export const useComplaintStore = defineStore('complaint', () => {
  const db = useDatabase()
  const lastStorageProblem = ref<StorageProblem | null>(null)

  const clock = useClockStore()

  function run(complaintId: string, drafts: CommitDraft[]): Promise<CommandOutcome> {
    // The centre's time where the tablet's clock is known to be wrong: receipts and checks use the true time.
    return attempt(() => commit(db, complaintId, drafts, () => clock.now()))
  }

  /**
   * Any other write through the one write path (an attachment's event with its bytes: `db/attachments.ts`), given the
   * centre-corrected clock, with the same outcomes as `run`.
   */
  function record(write: (now: () => number) => Promise<CommitResult>): Promise<CommandOutcome> {
    return attempt(() => write(() => clock.now()))
  }

  async function attempt(write: () => Promise<CommitResult>): Promise<CommandOutcome> {
    try {
      const result = await write()
      lastStorageProblem.value = null
      useSyncStore().requestSync()
      return { ok: true, result }
    } catch (e) {
      if (e instanceof AlreadySaved) return { ok: false, kind: 'alreadySaved', eventId: e.eventId }
      if (e instanceof CommandRejected) {
        return e.refusal
          ? { ok: false, kind: 'refused', refusal: e.refusal }
          : { ok: false, kind: 'invalid', issues: e.issues }
      }
      const problem = classifyStorageError(e)
      lastStorageProblem.value = problem
      if (problem === 'quota') void useStatusStore().refreshStorage()
      return { ok: false, kind: 'storage', problem, message: e instanceof Error ? e.message : String(e) }
    }
  }

  return { run, record, lastStorageProblem }
})
