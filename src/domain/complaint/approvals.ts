import { extensionLimits } from './clocks'
import type { ClockContext } from './clocks'
import type { ComplaintState } from './state'
import type { StaffRole } from '../staff/roles'
import type { ApprovalLevel } from './vocabulary'

/**
 * What a staff member may approve. Supervisors (and administrators) hold the bank's own supervisor approval; the
 * authority of a superior office or head-office senior manager (上级机构或总行高级管理人员) is given to named staff
 * centrally (`staff.approval_level`), and is the only one that unlocks an extension past 30 days (Art. 18).
 */
export interface Authority {
  role: StaffRole
  /** Set centrally for superior-office / head-office approvers; absent for everyone else. */
  approvalLevel?: 'superior' | null
}

export function approvalLevels(a: Authority | undefined): ApprovalLevel[] {
  if (!a) return []
  const levels: ApprovalLevel[] = []
  if (a.role === 'supervisor' || a.role === 'admin') levels.push('supervisor')
  if (a.approvalLevel === 'superior') levels.push('superior')
  return levels
}

/** The highest level this person decides with (null: they may not decide an extension request). */
export function approvalLevelOf(a: Authority | undefined): ApprovalLevel | null {
  const levels = approvalLevels(a)
  return levels.includes('superior') ? 'superior' : (levels[0] ?? null)
}

export function mayApprove(a: Authority | undefined, needed: ApprovalLevel): boolean {
  const levels = approvalLevels(a)
  return needed === 'supervisor' ? levels.length > 0 : levels.includes('superior')
}

/** The authority an extension to `newDueDate` needs: past 30 days (within the cap), a superior's (Art. 18). */
export function approvalNeeded(s: ComplaintState, newDueDate: string, ctx: ClockContext): ApprovalLevel {
  return newDueDate > extensionLimits(s, ctx).withoutSuperior ? 'superior' : 'supervisor'
}
