import type { ComplaintEvent, PayloadInput } from '../complaint/events'
import type { ComplaintState } from '../complaint/state'
import { SCRIPT_STEPS } from '../complaint/vocabulary'
import type { ScriptStep } from '../complaint/vocabulary'
import { hlcWallTime } from '../hlc'
import { stepGuide } from './scriptGuide'

/** What the manager has entered on one step of the script, before it is completed. */
export interface StepDraft {
  checked: string[]
  notes: string
  realDemand: string
  rootCause: string
  plan: string
  promisedDate: string
}

export type StepProgress = 'done' | 'skipped' | 'pending'

/**
 * A step's inputs as last recorded: its own checked items and notes, and the script-wide answers
 * (real demand, root cause, plan, promised date) that the gather and propose steps capture.
 */
export function draftFromState(script: ComplaintState['script'] | undefined, step: ScriptStep): StepDraft {
  const rec = script?.steps[step]
  const known = new Set(stepGuide(step).checklist)
  return {
    checked: rec?.status === 'done' ? rec.checked.filter((c) => known.has(c)) : [],
    notes: rec?.status === 'done' ? (rec.notes ?? '') : '',
    realDemand: script?.realDemand ?? '',
    rootCause: script?.rootCause ?? '',
    plan: script?.plan ?? '',
    promisedDate: script?.promisedDate ?? '',
  }
}

/** The `script.stepDone` payload for a step: its ticked items in checklist order, and only the fields it captures. */
export function stepDonePayload(step: ScriptStep, draft: StepDraft): PayloadInput<'script.stepDone'> {
  const guide = stepGuide(step)
  const ticked = new Set(draft.checked)
  const payload: PayloadInput<'script.stepDone'> = { step, checked: guide.checklist.filter((c) => ticked.has(c)) }
  const put = (key: 'notes' | 'realDemand' | 'rootCause' | 'plan' | 'promisedDate', value: string) => {
    const v = value.trim()
    if (v) payload[key] = v
  }
  put('notes', draft.notes)
  if (guide.captures.includes('realDemand')) put('realDemand', draft.realDemand)
  if (guide.captures.includes('rootCause')) put('rootCause', draft.rootCause)
  if (guide.captures.includes('plan')) put('plan', draft.plan)
  if (guide.captures.includes('promisedDate')) put('promisedDate', draft.promisedDate)
  return payload
}

export function stepProgress(script: ComplaintState['script'] | undefined, step: ScriptStep): StepProgress {
  return script?.steps[step]?.status ?? 'pending'
}

/** Where the script opens: the first step neither done nor skipped, or null when all seven are. */
export function firstPendingStep(script: ComplaintState['script'] | undefined): ScriptStep | null {
  return SCRIPT_STEPS.find((s) => stepProgress(script, s) === 'pending') ?? null
}

export function nextStep(step: ScriptStep): ScriptStep | null {
  return SCRIPT_STEPS[SCRIPT_STEPS.indexOf(step) + 1] ?? null
}

/** Wall times (ms) of the complaint's first and last `script.*` events, or null when the script was never used. */
export function scriptSpan(events: readonly ComplaintEvent[]): { first: number; last: number } | null {
  let span: { first: number; last: number } | null = null
  for (const e of events) {
    if (!e.type.startsWith('script.')) continue
    const at = hlcWallTime(e.hlc).getTime()
    span = span ? { first: Math.min(span.first, at), last: Math.max(span.last, at) } : { first: at, last: at }
  }
  return span
}

/** Wall time (ms) of the complaint's first `script.*` event, or null when the script was never used. */
export function scriptStartedAt(events: readonly ComplaintEvent[]): number | null {
  return scriptSpan(events)?.first ?? null
}

/** `m:ss` under an hour, `h:mm:ss` from an hour on; negative spans (a clock set back) read as 0:00. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const ss = String(s).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`
}

/** One line per key point: the manager types one point a line, and reads them back one by one. */
export function keyPointLines(notes: string): string[] {
  return notes
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
}
