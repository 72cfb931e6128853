import { computed, onMounted, reactive, ref, watch, watchEffect } from 'vue'
import { chinaDate, fold, isFinished, SCRIPT_STEPS, stepGuide } from '@/domain'
import type { ComplaintState, EventDraft, ScriptStep, StepGuide } from '@/domain'
import {
  draftFromState,
  firstPendingStep,
  keyPointLines,
  scriptStartedAt,
  stepDonePayload,
  stepProgress,
} from '@/domain/script/scriptSession'
import type { StepDraft } from '@/domain/script/scriptSession'
import { walkInEvents } from '@/domain/script/walkIn'
import type { WalkIn } from '@/domain/script/walkIn'
import { complaintEvents } from '@/db'
import { useCommand } from '@/ui/composables/useCommand'
import { useDraft } from '@/ui/composables/useDraft'
import { useLiveQuery } from '@/ui/composables/useLiveQuery'
import { useOutcomeFeedback } from '@/ui/composables/useOutcomeFeedback'
import { useDatabase } from '@/ui/services/database'
import { useClockStore } from '@/ui/stores/useClockStore'
import { useComplaintStore } from '@/ui/stores/useComplaintStore'
import { useElapsed } from './useElapsed'
import { recordWalkInStep, walkInKey } from './walkIns'

/** What the script shows: one of the seven steps, or the summary. */
export type ScriptView = ScriptStep | 'summary'
export type MoodPhase = 'start' | 'end'

/**
 * Where the script goes once step `s` is recorded: after the last step, the summary; else the next step still open
 * after it, else the first one still open, else the summary. `state` is the complaint as the write left it.
 */
export function viewAfter(s: ScriptStep, state: ComplaintState): ScriptView {
  if (s === SCRIPT_STEPS[SCRIPT_STEPS.length - 1]) return 'summary'
  const later = SCRIPT_STEPS.slice(SCRIPT_STEPS.indexOf(s) + 1).find((x) => stepProgress(state.script, x) === 'pending')
  return later ?? firstPendingStep(state.script) ?? 'summary'
}

/** The mood scale a step shows: the customer's mood at the start (isolate), at the end (follow-up), or none. */
export function moodPhaseOf(guide: Pick<StepGuide, 'captures'> | null): MoodPhase | null {
  const captures = guide?.captures ?? []
  return captures.includes('moodStart') ? 'start' : captures.includes('moodEnd') ? 'end' : null
}

/** A checklist with `item` ticked or unticked, each item once, in the order ticked. */
export function withChecked(checked: readonly string[], item: string, on: boolean): string[] {
  return on ? [...new Set([...checked, item])] : checked.filter((c) => c !== item)
}

/** A skip is recorded only with a reason: blank or spaces is none. */
export function hasSkipReason(reason: string): boolean {
  return reason.trim() !== ''
}

/**
 * The state and the commands of one run of the seven-step script (ScriptPage.vue draws it). Every completed or
 * skipped step and every mood is an event through the one write path — or, for a walk-in (domain walkIn.ts), kept
 * with the walk-in on the tablet until the intake form records it with the complaint. Unsaved ticks and notes are a
 * draft on the tablet. `onMove` runs whenever the view changes (the page closes its skip dialog and scrolls up).
 */
export function useScriptRun(props: { readonly id: string; readonly walkIn?: boolean }, onMove: () => void = () => {}) {
  const db = useDatabase()
  const store = useComplaintStore()
  const explain = useOutcomeFeedback()

  const { data: events, loading } = useLiveQuery({
    query: async () => {
      if (!props.walkIn) return complaintEvents(db, props.id)
      const w = (await db.drafts.get(walkInKey(props.id)))?.value as WalkIn | undefined
      return w ? walkInEvents(w) : []
    },
    initial: [],
    deps: [() => props.id],
  })
  /** Through the one write path, or kept with the walk-in until it is recorded. */
  const run = (drafts: EventDraft[]) =>
    props.walkIn ? recordWalkInStep(db, props.id, drafts) : store.run(props.id, drafts)
  const complaint = computed<ComplaintState | undefined>(() => fold(events.value) ?? undefined)
  const script = computed(() => complaint.value?.script)
  const finished = computed(() => !!complaint.value && isFinished(complaint.value.status))

  // The timer runs from the earlier of two moments: when the script was opened in this session, or the
  // complaint's first `script.*` event. A fresh script therefore counts from opening; a resumed one (events
  // already recorded, on this or another visit) counts from its first recorded step or mood.
  const openedAt = Date.now()
  const startedAt = computed(() => Math.min(openedAt, scriptStartedAt(events.value) ?? openedAt))
  const { label: elapsed } = useElapsed({ since: startedAt })

  /** The step on screen, the summary, or null until the complaint is loaded. */
  const view = ref<ScriptView | null>(null)
  watch(
    complaint,
    (c) => {
      if (c && view.value === null) view.value = firstPendingStep(c.script) ?? 'summary'
    },
    { immediate: true },
  )
  const step = computed<ScriptStep | null>(() => (view.value && view.value !== 'summary' ? view.value : null))
  const guide = computed(() => (step.value ? stepGuide(step.value) : null))
  const stepIndex = computed(() => (step.value ? SCRIPT_STEPS.indexOf(step.value) : -1))
  const pendingSteps = computed(() => SCRIPT_STEPS.filter((s) => stepProgress(script.value, s) === 'pending'))
  const isLast = computed(() => step.value === SCRIPT_STEPS[SCRIPT_STEPS.length - 1])

  // Per-step input: restored from the tablet's draft if the manager left mid-step, else pre-filled from the
  // complaint's folded state (so a revisited step shows what was recorded).
  const drafts = reactive<Partial<Record<ScriptStep, StepDraft>>>({})
  const stepDrafts = useDraft({ db, key: `script-${props.id}`, source: drafts })
  const restored = ref(false)
  onMounted(async () => {
    await stepDrafts.restore().catch(() => false)
    restored.value = true
  })
  watchEffect(() => {
    const s = step.value
    if (s && restored.value && complaint.value && !drafts[s]) drafts[s] = draftFromState(complaint.value.script, s)
  })
  const draft = computed(() => (step.value ? drafts[step.value] : undefined))
  const keyPoints = computed(() =>
    draft.value && guide.value?.captures.includes('keyPoints') ? keyPointLines(draft.value.notes) : [],
  )
  // The centre's date where this tablet's clock is known to be off.
  const today = chinaDate(new Date(useClockStore().now()))

  function go(to: ScriptView) {
    view.value = to
    onMove()
  }

  /**
   * 下一步 and 跳过 share one guard (useCommand): a second tap while the step saves, or as the next step comes up
   * under the finger, records nothing — it would otherwise complete the next step unread.
   */
  const stepCommand = useCommand(async (record: () => Promise<boolean>) => record())
  function complete() {
    return stepCommand.run(async () => {
      const s = step.value
      const d = draft.value
      if (!s || !d) return false
      const outcome = await run([{ type: 'script.stepDone', payload: stepDonePayload(s, d) }])
      if (!outcome.ok) {
        explain(outcome)
        return false
      }
      drafts[s] = draftFromState(outcome.result.state.script, s)
      go(viewAfter(s, outcome.result.state))
      return true
    })
  }
  function skip(reason: string) {
    return stepCommand.run(async () => {
      const s = step.value
      if (!s || !hasSkipReason(reason)) return false
      const outcome = await run([{ type: 'script.stepSkipped', payload: { step: s, reason } }])
      if (!outcome.ok) {
        explain(outcome)
        return false
      }
      delete drafts[s]
      go(viewAfter(s, outcome.result.state))
      return true
    })
  }

  // The tapped face shows at once; it falls back to the recorded mood if the write fails.
  const moodTapped = reactive<Partial<Record<MoodPhase, number>>>({})
  const moodPhase = computed(() => moodPhaseOf(guide.value))
  const moodValue = computed(() => {
    const phase = moodPhase.value
    if (!phase) return undefined
    return moodTapped[phase] ?? (phase === 'start' ? script.value?.moodStart : script.value?.moodEnd)
  })
  async function recordMood(mood: number) {
    const phase = moodPhase.value
    if (!phase || moodValue.value === mood) return
    moodTapped[phase] = mood
    const outcome = await run([{ type: 'script.moodRecorded', payload: { phase, mood } }])
    if (!outcome.ok) {
      delete moodTapped[phase]
      explain(outcome)
    }
  }

  function toggle(item: string, on: boolean) {
    const d = draft.value
    if (d) d.checked = withChecked(d.checked, item, on)
  }

  return {
    events,
    loading,
    complaint,
    script,
    finished,
    startedAt,
    elapsed,
    view,
    step,
    guide,
    stepIndex,
    pendingSteps,
    isLast,
    draft,
    keyPoints,
    today,
    go,
    complete,
    skip,
    saving: stepCommand.busy,
    moodPhase,
    moodValue,
    recordMood,
    toggle,
  }
}
