import { ApiError } from './api'

/** The i18n key (and values) that explains a failed call to the central endpoint. */
export function describeApiError(e: unknown): [string, Record<string, unknown>?] {
  if (e instanceof ApiError) {
    if (e.code === 'offline') return ['auth.offline']
    if (e.code === 'bad_credentials') return ['auth.badCredentials']
    if (e.code === 'account_locked') return ['auth.accountLocked']
    if (e.status === 429) return ['auth.tooMany']
    if (e.code === 'password_change_required') return ['auth.mustChangePassword']
    if (e.code.startsWith('password_')) return [`auth.passwordProblems.${e.code.slice('password_'.length)}`, { n: 10 }]
    if (e.code === 'other_branch') return ['auth.otherBranch']
    if (e.code === 'branch_required') return ['auth.branchRequired']
    if (e.code === 'bad_code') return ['auth.badCode']
    if (e.code === 'already_enrolled') return ['auth.alreadyEnrolled']
    return ['auth.failed', { message: e.message }]
  }
  return ['auth.failed', { message: e instanceof Error ? e.message : String(e) }]
}
