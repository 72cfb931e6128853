import { ApiError } from '@/ui/auth/api'
import { describeApiError } from '@/ui/auth/describeApiError'

type Translate = { t: (key: string, values?: Record<string, unknown>) => string; te: (key: string) => boolean }

/** A code from a schema or the server as the console says it: its own words first, then the app's, then as it came. */
export function codeMessage(i18n: Translate, code: string): string {
  for (const key of [`admin.errors.${code}`, `errors.${code}`]) if (i18n.te(key)) return i18n.t(key)
  return code
}

/** A failed call, explained in the administrator's language. */
export function adminError(i18n: Translate, e: unknown): string {
  if (e instanceof ApiError) {
    if (i18n.te(`admin.errors.${e.code}`)) return i18n.t(`admin.errors.${e.code}`)
    const [key, values] = describeApiError(e)
    if (key !== 'auth.failed') return i18n.t(key, values)
  }
  return i18n.t('admin.errors.failed', { message: e instanceof Error ? e.message : String(e) })
}

/** zod's own issue codes, for schemas that give no message of ours (the policy's bounds, a missing field). */
const ZOD_CODES: Record<string, string> = {
  too_small: 'tooSmall',
  too_big: 'tooBig',
  invalid_type: 'invalid',
  invalid_format: 'invalid',
  invalid_value: 'invalid',
}

/** Schema issues keyed by their path (`holidays.0.from`), each said in the administrator's language. */
export function fieldErrors(
  i18n: Translate,
  issues: readonly { path: readonly PropertyKey[]; message?: string; code?: string }[],
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const i of issues) {
    const key = i.path.map(String).join('.')
    // Our own code, carried as zod's message or (the domain's problem lists, e.g. scheduleProblems) as the code itself.
    const ours = [i.message, i.code].find((c) => c !== undefined && codeMessage(i18n, c) !== c)
    out[key] ??= codeMessage(i18n, ours ?? ZOD_CODES[i.code ?? ''] ?? i.message ?? 'invalid')
  }
  return out
}
