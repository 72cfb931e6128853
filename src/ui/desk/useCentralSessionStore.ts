import { defineStore } from 'pinia'
import { computed, shallowRef, watch } from 'vue'
import type { RequestOf, ResponseOf, RouteContract } from '@/domain/api/route'
import { ApiError, send } from '@/http/apiClient'
import { callRoute } from '@/http/callRoute'
import { api } from '@/ui/auth/api'
import type { StaffRole } from '@/domain/staff/roles'
import { signInReplacingOneTime } from '@/ui/auth/oneTimePassword'
import { isSupervisorRole } from '@/ui/auth/session'
import { useSessionStore } from '@/ui/auth/useSessionStore'

interface CentralSession {
  token: string
  expiresAt: string
  staff: { id: string; name: string; role: StaffRole; branchId: string | null; approvalLevel?: 'superior' | null }
}

const KEY = 'complaint-desk.central'

/**
 * A staff member's online session with the central endpoint, for what only the centre knows: other branches,
 * the reports. Kept for this tab only and dropped when the tablet locks, so a tablet left in the hall never
 * stays signed in as a supervisor.
 */
export const useCentralSessionStore = defineStore('centralSession', () => {
  const saved = JSON.parse(globalThis.sessionStorage?.getItem(KEY) ?? 'null') as CentralSession | null
  const session = shallowRef<CentralSession | null>(saved && Date.parse(saved.expiresAt) > Date.now() ? saved : null)
  const tablet = useSessionStore()

  function set(value: CentralSession | null): void {
    session.value = value
    if (value) globalThis.sessionStorage?.setItem(KEY, JSON.stringify(value))
    else globalThis.sessionStorage?.removeItem(KEY)
  }

  watch(
    () => tablet.unlocked,
    (unlocked) => {
      if (!unlocked) void signOut()
    },
  )

  /** A one-time password from an administrator is replaced by `newPassword` (or refused, so the form asks for one). */
  async function signIn(username: string, password: string, newPassword?: string): Promise<void> {
    const { mustChangePassword: _, ...session } = await signInReplacingOneTime<
      CentralSession & { mustChangePassword?: boolean }
    >(username, password, newPassword)
    set(session)
  }

  async function signOut(): Promise<void> {
    const token = session.value?.token
    set(null)
    if (token) await api('/api/auth/sign-out', { body: {}, token }).catch(() => undefined)
  }

  /** A call with the session's token; an expired session signs out so the page asks again. */
  async function signedIn<T>(send: (token: string) => Promise<T>): Promise<T> {
    if (!session.value) throw new ApiError(401, 'unauthenticated', 'Not signed in')
    try {
      return await send(session.value.token)
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) set(null)
      throw e
    }
  }

  /** A route of the contract (`src/domain/api/`), its answer typed by the route's response schema. */
  const request = <T extends RouteContract>(route: T, input: RequestOf<T>): Promise<ResponseOf<T>> =>
    signedIn((token) => callRoute(route, input, { token }))

  /** A route not yet in the contract (the console's): `T` names the answer the caller expects. */
  const call = <T>(path: string, options: { method?: string; body?: unknown } = {}): Promise<T> =>
    signedIn((token) => api<T>(path, { ...options, token }))

  /** Downloads a file (a CSV export) with the session's token, under the server's file name. */
  async function download(path: string): Promise<void> {
    const res = await signedIn((token) => send(path, { token, timeoutMs: 300_000 }))
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'export.csv'
    const url = URL.createObjectURL(await res.blob())
    const a = Object.assign(document.createElement('a'), { href: url, download: name })
    a.click()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }

  /** A file's bytes (an attachment) with the session's token, shown through an object URL by the caller. */
  const blob = (path: string): Promise<Blob> =>
    signedIn(async (token) => (await send(path, { token, timeoutMs: 60_000 })).blob())

  return {
    session,
    signedIn: computed(() => !!session.value),
    staff: computed(() => session.value?.staff ?? null),
    isSupervisor: computed(() => isSupervisorRole(session.value?.staff.role)),
    signIn,
    signOut,
    request,
    call,
    download,
    blob,
  }
})
