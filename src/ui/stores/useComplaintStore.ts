import { defineStore } from 'pinia'
import { ref } from 'vue'
import { classifyStorageError, CommandRejected, commit } from '@/db'
import type { CommitResult, StorageProblem } from '@/db'
import type { EventDraft, EventIssue, Refusal } from '@/domain'
import { useDatabase } from '@/ui/services/database'
import { useStatusStore } from './useStatusStore'
import { useSyncStore } from './useSyncStore'

export type CommandOutcome =
  | { ok: true; result: CommitResult }
  | { ok: false; kind: 'invalid'; issues: EventIssue[] }
  | { ok: false; kind: 'refused'; refusal: Refusal }
  | { ok: false; kind: 'storage'; problem: StorageProblem; message: string }

/** Runs the user's changes through the one write path and turns every failure into something to show. */
export const useComplaintStore = defineStore('complaint', () => {
  const db = useDatabase()
  const lastStorageProblem = ref<StorageProblem | null>(null)

  async function run(complaintId: string, drafts: EventDraft[]): Promise<CommandOutcome> {
    try {
      const result = await commit(db, complaintId, drafts)
      lastStorageProblem.value = null
      useSyncStore().requestSync()
      return { ok: true, result }
    } catch (e) {
      if (e instanceof CommandRejected) {
        return e.refusal ? { ok: false, kind: 'refused', refusal: e.refusal } : { ok: false, kind: 'invalid', issues: e.issues }
      }
      const problem = classifyStorageError(e)
      lastStorageProblem.value = problem
      if (problem === 'quota') void useStatusStore().refreshStorage()
      return { ok: false, kind: 'storage', problem, message: e instanceof Error ? e.message : String(e) }
    }
  }

  return { run, lastStorageProblem }
})
