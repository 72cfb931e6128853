import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { adminBranchesRoute, adminDevicesRoute, adminStaffRoute } from '@/domain/api/adminApi'
import type { AdminBranch, AdminDevice, AdminStaff } from '@/domain/api/adminApi'
import { useCentralSessionStore } from '@/ui/desk/useCentralSessionStore'

export type { AdminBranch, AdminDevice, AdminStaff } from '@/domain/api/adminApi'

/** What the console's pages share, read from the centre with the administrator's session and kept while it is open. */
export const useAdminStore = defineStore('admin', () => {
  const central = useCentralSessionStore()
  const branches = shallowRef<AdminBranch[]>([])
  const staff = shallowRef<AdminStaff[]>([])
  const devices = shallowRef<AdminDevice[]>([])

  const loadBranches = async () => void (branches.value = (await central.request(adminBranchesRoute, {})).branches)
  const loadStaff = async () => void (staff.value = (await central.request(adminStaffRoute, {})).staff)
  const loadDevices = async () => void (devices.value = (await central.request(adminDevicesRoute, {})).devices)

  const branchNames = computed(() => new Map(branches.value.map((b) => [b.id, b.name])))
  const branchName = (id: string | null | undefined) => (id ? (branchNames.value.get(id) ?? id) : '')

  return {
    branches,
    staff,
    devices,
    loadBranches,
    loadStaff,
    loadDevices,
    branchName,
    request: central.request,
    call: central.call,
    download: central.download,
  }
})
