import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import type { StaffFields, StaffRole } from '@/domain'
import { useCentralSessionStore } from '@/ui/desk/useCentralSessionStore'

export interface AdminBranch {
  id: string; name: string; code: string | null; createdAt: string; tablets: number; staff: number
  complaints?: { open: number; overdue: number; dueSoon: number; escalated: number; approvalPending: number }
}
export interface AdminStaff {
  id: string; username: string; name: string; role: StaffRole; branchId: string | null; coveredBranchIds: string[]
  approvalLevel: StaffFields['approvalLevel']
  disabled: boolean; mustChangePassword: boolean; createdAt: string
}
export interface AdminDevice {
  id: string; name: string; branchId: string; branchName: string; enrolledBy: string; enrolledByName: string | null; enrolledAt: string
  lastSeenAt: string | null; reportedAt: string | null; pendingEvents: number | null; appVersion: string | null; canWipe: boolean; wipe: boolean
  /** Revoked with a wipe: when the tablet pushed its last records and said it was erasing itself, and what it could not deliver. */
  wipeAcknowledgedAt?: string | null; wipeUndelivered?: number | null
  revokedAt: string | null; expiredAt: string | null; needsConfirmation: boolean
}

/** What the console's pages share, read from the centre with the administrator's session and kept while it is open. */
export const useAdminStore = defineStore('admin', () => {
  const central = useCentralSessionStore()
  const branches = shallowRef<AdminBranch[]>([])
  const staff = shallowRef<AdminStaff[]>([])
  const devices = shallowRef<AdminDevice[]>([])

  const loadBranches = async () => void (branches.value = (await central.call<{ branches: AdminBranch[] }>('/api/branches')).branches)
  const loadStaff = async () => void (staff.value = (await central.call<{ staff: AdminStaff[] }>('/api/staff')).staff)
  const loadDevices = async () => void (devices.value = (await central.call<{ devices: AdminDevice[] }>('/api/devices')).devices)

  const branchNames = computed(() => new Map(branches.value.map((b) => [b.id, b.name])))
  const branchName = (id: string | null | undefined) => (id ? branchNames.value.get(id) ?? id : '')

  return { branches, staff, devices, loadBranches, loadStaff, loadDevices, branchName, call: central.call, download: central.download }
})
