import type { Transaction } from 'dexie'

/**
 * The IndexedDB v3 upgrade exactly as it was released (commit 334025b), frozen: a released upgrade must do on a
 * tablet updated years later what it did on the day, so it no longer calls the live domain predicate
 * (`awaitingSupervisor`, whose idea of a finished complaint has moved since) but its own copy of the rule of then.
 * Never edit this file; a change of the rule is a new schema version or a reprojection (projectionVersion.ts).
 */

/** The part of a v2 row's folded state the v3 upgrade read. */
interface V2State {
  status: string
  escalations: { plan?: unknown }[]
  extensionRequests?: { decision?: unknown }[]
}

interface V2Row {
  state: V2State
  awaiting?: ('escalation' | 'extension')[]
}

/** What a complaint waited for from a supervisor, by the rule of v3: nothing once closed or withdrawn. */
export function awaitingAtV3(state: V2State): ('escalation' | 'extension')[] {
  if (state.status === 'closed' || state.status === 'withdrawn') return []
  const out: ('escalation' | 'extension')[] = []
  if (state.escalations.some((x) => !x.plan)) out.push('escalation')
  if ((state.extensionRequests ?? []).some((r) => !r.decision)) out.push('extension')
  return out
}

/** States stored before extension requests existed get the empty list; every row gets its `awaiting` index. */
export function upgradeToV3(tx: Transaction): Promise<number> {
  return tx
    .table<V2Row>('complaints')
    .toCollection()
    .modify((row) => {
      row.state.extensionRequests ??= []
      row.awaiting = awaitingAtV3(row.state)
    })
}
